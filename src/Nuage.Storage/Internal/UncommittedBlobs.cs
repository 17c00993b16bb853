namespace Nuage.Storage.Internal;

using Nuage.Blobs;
using Nuage.Metadata;

/// <summary>
/// Deletes the blobs a metadata write would have referenced once that write has failed (DESIGN.md invariant 2: no
/// blob outlives its rows for long). A write whose outcome the engine could not find out in time
/// (<see cref="MetadataOutcomeUnknownException"/>, PostgreSQL after a COMMIT cut off) may yet be committed: its
/// blobs are deleted only once the engine says it was not, and left to the startup sweep if it never says.
/// Deleting a blob a committed row references would lose an acknowledged object on a later read.
/// </summary>
internal static class UncommittedBlobs
{
    public static void Reclaim(IBlobStore blobs, Exception failure, IReadOnlyList<Guid> blobIds)
    {
        if (failure is MetadataOutcomeUnknownException unknown)
        {
            _ = unknown.Committed.ContinueWith(
                outcome =>
                {
                    if (outcome.IsCompletedSuccessfully && !outcome.Result)
                    {
                        DeleteAll(blobs, blobIds);
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.None,
                TaskScheduler.Default);
            return;
        }

        DeleteAll(blobs, blobIds);
    }

    private static void DeleteAll(IBlobStore blobs, IReadOnlyList<Guid> blobIds)
    {
        foreach (var blobId in blobIds)
        {
            blobs.Delete(blobId);
        }
    }
}

namespace Nuage.Storage.Maintenance;

using Nuage.Blobs;
using Nuage.Metadata;

/// <summary>
/// Removes what a crash left (DESIGN.md invariant 2): files in blobs/tmp/ (writes that never finished) and blob
/// files no row references (a crash between the rename and the metadata commit). Files written after the sweep
/// started, and blobs of writers still open, are live writes and are left alone, so the sweep is safe to run
/// beside traffic; it is meant to run once at start.
/// <para>
/// In bounded memory at any object count (issue 18): the blob files and the referenced ids are each gathered into a
/// <see cref="SortedGuidSpool"/> (sorted runs of 4 MiB spilled next to the blobs) and merged, so a file is an orphan
/// when the sorted stream of references passes its id without meeting it. Memory is two run buffers.
/// </para>
/// </summary>
public sealed class StartupSweep(IMetadataStore metadata, IBlobStore blobs, int runLength = SortedGuidSpool.DefaultRunLength)
{
    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        int temporary = blobs.DeleteTemporaryFiles(started);

        // List candidates before reading references: a blob committed after this listing is either newer than
        // `started` or already referenced when the references are read below.
        using var candidates = new SortedGuidSpool(blobs.ScratchDirectory, runLength);
        foreach (var file in blobs.EnumerateBlobs())
        {
            if (file.LastWriteTimeUtc < started)
            {
                candidates.Add(file.BlobId);
            }
        }

        using var referenced = new SortedGuidSpool(blobs.ScratchDirectory, runLength);
        await metadata.CollectReferencedBlobsAsync(referenced.Add, cancellationToken).ConfigureAwait(false);
        int orphans = 0;
        using var references = referenced.ReadSorted().GetEnumerator();
        bool more = references.MoveNext();
        foreach (var blobId in candidates.ReadSorted())
        {
            while (more && references.Current.CompareTo(blobId) < 0)
            {
                more = references.MoveNext();
            }

            bool isReferenced = more && references.Current == blobId;
            if (!isReferenced && !blobs.IsInFlight(blobId))
            {
                blobs.Delete(blobId);
                orphans++;
            }
        }

        return new SweepResult(temporary, orphans);
    }
}

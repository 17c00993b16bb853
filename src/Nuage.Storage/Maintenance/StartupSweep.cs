namespace Nuage.Storage.Maintenance;

using Nuage.Blobs;
using Nuage.Metadata;

/// <summary>
/// Removes what a crash left (DESIGN.md invariant 2): files in blobs/tmp/ (writes that never finished) and blob
/// files no row references (a crash between the rename and the metadata commit). Files written after the sweep
/// started, and blobs of writers still open, are live writes and are left alone, so the sweep is safe to run
/// beside traffic; it is meant to run once at start.
/// </summary>
public sealed class StartupSweep(IMetadataStore metadata, IBlobStore blobs)
{
    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        int temporary = blobs.DeleteTemporaryFiles(started);

        // List candidates before reading references: a blob committed after this listing is either newer than
        // `started` or already referenced when the references are read below.
        var candidates = new List<Guid>();
        foreach (var file in blobs.EnumerateBlobs())
        {
            if (file.LastWriteTimeUtc < started)
            {
                candidates.Add(file.BlobId);
            }
        }

        var referenced = new HashSet<Guid>();
        await metadata.CollectReferencedBlobsAsync(referenced, cancellationToken).ConfigureAwait(false);
        int orphans = 0;
        foreach (var blobId in candidates)
        {
            if (!referenced.Contains(blobId) && !blobs.IsInFlight(blobId))
            {
                blobs.Delete(blobId);
                orphans++;
            }
        }

        return new SweepResult(temporary, orphans);
    }
}

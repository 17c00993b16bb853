namespace Nuage.Storage.Maintenance;

using Nuage.Blobs;
using Nuage.Metadata;
using Nuage.Storage.Internal;

/// <summary>
/// Reclaims what commits left behind (DESIGN.md invariant 2): blob files listed in the garbage table (each was
/// put there by the transaction that stopped referencing it, so deleting it can never break a committed row), and
/// multipart uploads older than <see cref="StorageOptions.AbandonedUploadAge"/>. A file is deleted before its
/// garbage row, so a crash in between only repeats a harmless delete.
/// </summary>
public sealed class GarbageCollector : IAsyncDisposable
{
    private const int BatchSize = 1000;

    private readonly IMetadataStore _metadata;
    private readonly IBlobStore _blobs;
    private readonly StorageOptions _options;

    private readonly PeriodicLoop _loop;

    public GarbageCollector(IMetadataStore metadata, IBlobStore blobs, StorageOptions options)
    {
        _metadata = metadata;
        _blobs = blobs;
        _options = options;
        _loop = new PeriodicLoop(PassAsync, () => Interval);
    }

    /// <summary>Pause between passes of the background loop.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(30);

    public void Start() => _loop.Start();

    public Task StopAsync() => _loop.StopAsync();

    /// <summary>One full pass: abandoned uploads first (their parts become garbage), then all garbage.</summary>
    public async Task<CollectionResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        int aborted = 0;
        var cutoff = DateTimeOffset.UtcNow - _options.AbandonedUploadAge;
        while (true)
        {
            var uploads = await _metadata.ListUploadsInitiatedBeforeAsync(cutoff, BatchSize, cancellationToken).ConfigureAwait(false);
            if (uploads.Count == 0)
            {
                break;
            }

            aborted += await _metadata.WriteAsync(
                tx =>
                {
                    int count = 0;
                    foreach (var upload in uploads)
                    {
                        count += tx.DeleteUpload(upload.UploadId, null) ? 1 : 0;
                    }

                    return count;
                },
                cancellationToken).ConfigureAwait(false);
            if (uploads.Count < BatchSize)
            {
                break;
            }
        }

        int deleted = 0;
        while (true)
        {
            var garbage = await _metadata.ListGarbageAsync(BatchSize, cancellationToken).ConfigureAwait(false);
            if (garbage.Count == 0)
            {
                break;
            }

            foreach (var blobId in garbage)
            {
                _blobs.Delete(blobId);
            }

            await _metadata.WriteAsync(
                tx =>
                {
                    tx.RemoveGarbage(garbage);
                    return true;
                },
                cancellationToken).ConfigureAwait(false);
            deleted += garbage.Count;
            if (garbage.Count < BatchSize)
            {
                break;
            }
        }

        return new CollectionResult(deleted, aborted);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task PassAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunOnceAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or StorageException
            or MetadataUnavailableException or MetadataOutcomeUnknownException or MetadataConflictException)
        {
            // A failed pass leaves its rows in place; the next pass retries them. That includes a metadata database
            // that is restarting or failing over (PostgreSQL engine): an escaping exception would end the loop, and
            // nothing would collect garbage again until the next start.
        }
    }
}

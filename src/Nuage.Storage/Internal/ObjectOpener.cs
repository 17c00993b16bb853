namespace Nuage.Storage.Internal;

using Nuage.Blobs;
using Nuage.Metadata;
using Nuage.Storage.Objects;

/// <summary>
/// Opens an object's current version, or a named one, for reading. A blob may vanish between reading the row and opening the file
/// when an overwrite commits and the collector runs in between; the row read again then names the new blobs, so
/// the open is retried. A reader thus gets the old object or the new one, never a mix (DESIGN.md invariant 4).
/// </summary>
internal sealed class ObjectOpener(IMetadataStore metadata, IBlobStore blobs, Nuage.Telemetry.NuageMetrics metrics)
{
    private readonly Prometheus.Counter.Child _inlineFailures = Nuage.Telemetry.ChecksumFailures.Of(metrics, Nuage.Telemetry.ChecksumFailures.Inline);

    private const int Attempts = 4;

    public async Task<StoredObjectContent> OpenAsync(string bucket, string key, string? versionId, CancellationToken cancellationToken)
    {
        KeyRules.Validate(key);
        for (int attempt = 1; ; attempt++)
        {
            var row = await RequireReadableAsync(
                await metadata.GetObjectAsync(bucket, key, versionId, withData: true, cancellationToken).ConfigureAwait(false),
                bucket, key, versionId, cancellationToken).ConfigureAwait(false);

            var info = Mapping.ToInfo(row);
            if (row.Data is InlineData inline)
            {
                if (Blobs.BlockChecksum.Compute(inline.Bytes, 0) != inline.Checksum)
                {
                    _inlineFailures.Inc();
                    throw Errors.Corrupted($"inline data of {bucket}/{key}");
                }

                return new StoredObjectContent(info, inline.Bytes);
            }

            var manifest = (BlobManifest)row.Data!;
            var readers = new BlobReader[manifest.Segments.Count];
            int opened = 0;
            try
            {
                for (; opened < readers.Length; opened++)
                {
                    var segment = manifest.Segments[opened];
                    readers[opened] = blobs.OpenRead(segment.BlobId, segment.Length);
                }

                return new StoredObjectContent(info, readers);
            }
            catch (FileNotFoundException) when (attempt < Attempts)
            {
                // Superseded and collected under us: read the row again.
            }
            catch (FileNotFoundException ex)
            {
                throw Errors.Corrupted($"blob missing for {bucket}/{key}: {ex.Message}");
            }
            catch (BlobCorruptedException ex)
            {
                throw Errors.Corrupted(ex.Message);
            }
            finally
            {
                if (opened < readers.Length)
                {
                    for (int i = 0; i < opened; i++)
                    {
                        readers[i].Dispose();
                    }
                }
            }
        }
    }

    public async Task<ObjectInfo> HeadAsync(string bucket, string key, string? versionId, CancellationToken cancellationToken)
    {
        KeyRules.Validate(key);
        var row = await RequireReadableAsync(
            await metadata.GetObjectAsync(bucket, key, versionId, withData: false, cancellationToken).ConfigureAwait(false),
            bucket, key, versionId, cancellationToken).ConfigureAwait(false);
        return Mapping.ToInfo(row);
    }

    /// <summary>
    /// A missing key or version, or a delete marker where an object was asked for: a delete marker as the latest
    /// version answers 404 NoSuchKey, one named by its version id 405 MethodNotAllowed, both with
    /// x-amz-delete-marker (AWS "Working with delete markers").
    /// </summary>
    private async Task<ObjectRow> RequireReadableAsync(ObjectRow? row, string bucket, string key, string? versionId, CancellationToken cancellationToken)
    {
        if (row is null)
        {
            throw await MissingAsync(bucket, key, versionId, cancellationToken).ConfigureAwait(false);
        }

        if (row.IsDeleteMarker)
        {
            throw versionId is null ? Errors.DeleteMarker(key, row.VersionId) : Errors.MethodNotAllowedOnDeleteMarker(row.VersionId);
        }

        return row;
    }

    private async Task<StorageException> MissingAsync(string bucket, string key, string? versionId, CancellationToken cancellationToken)
    {
        if (await metadata.GetBucketAsync(bucket, cancellationToken).ConfigureAwait(false) is null)
        {
            return Errors.NoSuchBucket(bucket);
        }

        return versionId is null
            ? Errors.NoSuchKey(key)
            : Errors.NoSuchVersion();
    }
}

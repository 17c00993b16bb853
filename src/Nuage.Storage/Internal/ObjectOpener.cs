namespace Nuage.Storage.Internal;

using Nuage.Blobs;
using Nuage.Metadata;
using Nuage.Storage.Encryption;
using Nuage.Storage.Objects;

/// <summary>
/// Opens an object's current version, or a named one, for reading. A blob may vanish between reading the row and opening the file
/// when an overwrite commits and the collector runs in between; the row read again then names the new blobs, so
/// the open is retried. A reader thus gets the old object or the new one, never a mix (DESIGN.md invariant 4).
/// An encrypted version is opened through its data key, so the content streams plaintext and a range decrypts only
/// its own blocks.
/// </summary>
internal sealed class ObjectOpener(IMetadataStore metadata, IBlobStore blobs, Nuage.Telemetry.NuageMetrics metrics, EncryptionKeys keys)
{
    private readonly Prometheus.Counter.Child _inlineFailures = Nuage.Telemetry.ChecksumFailures.Of(metrics, Nuage.Telemetry.ChecksumFailures.Inline);

    private const int Attempts = 4;

    public async Task<StoredObjectContent> OpenAsync(
        string bucket, string key, string? versionId, CancellationToken cancellationToken, CustomerKey? customerKey = null)
    {
        KeyRules.Validate(key);
        for (int attempt = 1; ; attempt++)
        {
            var row = await RequireReadableAsync(
                await metadata.GetObjectAsync(bucket, key, versionId, withData: true, cancellationToken).ConfigureAwait(false),
                bucket, key, versionId, cancellationToken).ConfigureAwait(false);

            var info = Mapping.ToInfo(row);
            using var dataKey = keys.ForRead(row.Encryption, customerKey);
            if (row.Data is InlineData inline)
            {
                if (Blobs.BlockChecksum.Compute(inline.Bytes, 0) != inline.Checksum)
                {
                    _inlineFailures.Inc();
                    throw Errors.Corrupted($"inline data of {bucket}/{key}");
                }

                return new StoredObjectContent(info, dataKey is null ? inline.Bytes : OpenInline(dataKey, inline.Bytes, row.Size, bucket, key));
            }

            var encrypted = dataKey is null ? null : new EncryptingBlobStore(blobs, dataKey);
            var manifest = (BlobManifest)row.Data!;
            var readers = new BlobReader[manifest.Segments.Count];
            int opened = 0;
            try
            {
                for (; opened < readers.Length; opened++)
                {
                    var segment = manifest.Segments[opened];
                    readers[opened] = encrypted?.OpenRead(segment) ?? blobs.OpenRead(segment.BlobId, segment.Length);
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

    /// <summary>HEAD of a version that may be SSE-C: the key it needs must come with the request, and be the right one.</summary>
    public async Task<ObjectInfo> HeadCheckedAsync(
        string bucket, string key, string? versionId, CustomerKey? customerKey, CancellationToken cancellationToken)
    {
        KeyRules.Validate(key);
        var row = await RequireReadableAsync(
            await metadata.GetObjectAsync(bucket, key, versionId, withData: false, cancellationToken).ConfigureAwait(false),
            bucket, key, versionId, cancellationToken).ConfigureAwait(false);
        keys.Verify(row.Encryption, customerKey);
        return Mapping.ToInfo(row);
    }

    private byte[] OpenInline(ObjectDataKey dataKey, byte[] stored, long size, string bucket, string key)
    {
        try
        {
            return dataKey.OpenInline(stored, size);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            _inlineFailures.Inc();
            throw Errors.Corrupted($"inline data of {bucket}/{key} failed authentication");
        }
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

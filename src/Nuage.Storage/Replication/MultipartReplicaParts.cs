using System.Globalization;
using System.Security.Cryptography;
using Nuage.Blobs;
using Nuage.Metadata;
using Nuage.Storage.Internal;

namespace Nuage.Storage.Replication;

/// <summary>
/// The body of a multipart replica written as the source wrote it: one blob per part, with the source's part
/// boundaries (<see cref="ReplicaVersion.PartSizes"/>), so the replica's manifest has one segment per part and
/// GetObject/HeadObject <c>?partNumber=N</c>, GetObjectAttributes' ObjectParts and the part checksums answer what the
/// source answers (AWS keeps a replica's ETag, which for a multipart object is "md5-of-part-md5s-N": its parts are
/// part of what the ETag means). Each part streams from the body into its blob; nothing is held whole. The parts'
/// MD5s rebuild the multipart ETag, which must equal the source's, so a replica is checked end to end here as a
/// single-part one is by its MD5.
/// </summary>
internal static class MultipartReplicaParts
{
    /// <summary>Whether <paramref name="version"/> carries part boundaries that describe its bytes (one per part, adding up to its size).</summary>
    public static bool Apply(ReplicaVersion version)
    {
        if (version.IsDeleteMarker || version.PartSizes is not { Count: > 0 } sizes || version.PartsCount != sizes.Count
            || !version.ETag.EndsWith("-" + sizes.Count.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
        {
            return false;
        }

        long total = 0;
        foreach (long size in sizes)
        {
            if (size < 0)
            {
                return false;
            }

            total += size;
        }

        return total == version.Size && (version.PartChecksums is null || version.PartChecksums.Count == sizes.Count);
    }

    /// <summary>
    /// Reads <paramref name="body"/> into one committed blob per part and returns the manifest. BadDigest when the parts
    /// do not make the source's ETag, IncompleteBody or InvalidRequest when the body is shorter or longer than the parts;
    /// the blobs written are deleted then.
    /// </summary>
    public static async Task<BlobManifest> IngestAsync(IBlobStore blobs, Stream body, ReplicaVersion version, CancellationToken cancellationToken)
    {
        var sizes = version.PartSizes!;
        var segments = new List<BlobSegment>(sizes.Count);
        using var etag = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        try
        {
            foreach (long size in sizes)
            {
                // A negative inline threshold forces a blob, as for an uploaded part: a part is always one segment.
                await using var part = await BodyReader.ReadAsync(
                    blobs, new PartBoundedStream(body, size), size, size, -1, null, null, null, cancellationToken).ConfigureAwait(false);
                etag.AppendData(part.Md5);
                await part.Blob!.CommitAsync(cancellationToken).ConfigureAwait(false);
                segments.Add(new BlobSegment(part.Blob.BlobId, size));
            }

            byte[] probe = new byte[1];
            if (await body.ReadAsync(probe, cancellationToken).ConfigureAwait(false) != 0)
            {
                throw new StorageException(StorageErrorCode.InvalidRequest, $"The replica of {version.Key} is longer than its {version.Size} bytes.");
            }

            string computed = Convert.ToHexStringLower(etag.GetHashAndReset()) + "-" + sizes.Count.ToString(CultureInfo.InvariantCulture);
            if (!string.Equals(computed, version.ETag, StringComparison.OrdinalIgnoreCase))
            {
                throw new StorageException(StorageErrorCode.BadDigest, $"The parts of the replica of {version.Key} make the ETag {computed}, not the source's {version.ETag}.");
            }

            return new BlobManifest(segments) { PartChecksums = version.PartChecksums };
        }
        catch
        {
            foreach (var segment in segments)
            {
                blobs.Delete(segment.BlobId);
            }

            throw;
        }
    }
}

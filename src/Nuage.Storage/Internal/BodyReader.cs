namespace Nuage.Storage.Internal;

using System.Buffers;
using System.Security.Cryptography;
using Nuage.Blobs;
using Nuage.Storage.Objects;

/// <summary>
/// Reads a request body once, hashing while streaming (MD5 for the ETag plus the requested additional checksum),
/// and decides inline vs blob on the way (DESIGN.md invariants 5 and 7): up to the inline threshold the bytes stay
/// in a pooled buffer; beyond it they spill into a new blob whose block buffer the body is read into directly.
/// If the body stream throws, the temporary blob is deleted and the exception propagates unchanged.
/// </summary>
internal static class BodyReader
{
    /// <param name="inlineThreshold">Largest body kept inline; negative forces a blob (multipart parts).</param>
    public static async Task<IngestedBody> ReadAsync(
        IBlobStore blobs, Stream body, long? contentLength, long maxSize, int inlineThreshold,
        ChecksumAlgorithm? algorithm, byte[]? contentMd5, ChecksumInput? checksumInput, CancellationToken cancellationToken)
    {
        if (contentLength > maxSize)
        {
            throw TooLarge(maxSize);
        }

        var md5 = Md5Pool.Rent();
        bool md5Dirty = true;
        using var checksum = algorithm is { } a ? ChecksumHasher.Create(a) : null;
        byte[]? small = null;
        BlobWriter? writer = null;
        long total = 0;
        try
        {
            bool ended = false;
            if (inlineThreshold >= 0 && (contentLength is null || contentLength <= inlineThreshold))
            {
                small = ArrayPool<byte>.Shared.Rent(Math.Max(1, inlineThreshold));
                int count = 0;
                while (count < inlineThreshold)
                {
                    int read = await body.ReadAsync(small.AsMemory(count, inlineThreshold - count), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        ended = true;
                        break;
                    }

                    count += read;
                }

                total = count;
                Hash(md5, checksum, small.AsSpan(0, count));

                // No shortcut when Content-Length says the bytes are all here: the body stream's last read (the one
                // that returns 0) is where the auth layer checks the final chunk signature, the trailer and a
                // declared SHA-256, so a body is always read to its end. With a known length that read returns at once.
                if (!ended)
                {
                    writer = blobs.CreateWriter();
                    await writer.WriteAsync(small.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                writer = blobs.CreateWriter();
            }

            if (writer is not null)
            {
                while (true)
                {
                    var memory = writer.GetMemory();
                    int read = await body.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    Hash(md5, checksum, memory.Span[..read]);
                    total += read;
                    if (total > maxSize)
                    {
                        throw TooLarge(maxSize);
                    }

                    await writer.AdvanceAsync(read, cancellationToken).ConfigureAwait(false);
                }

                // A body of exactly the threshold with no known length spilled only to find its end: keep it inline.
                if (small is not null && total <= inlineThreshold)
                {
                    await writer.DisposeAsync().ConfigureAwait(false);
                    writer = null;
                }
            }

            if (contentLength is { } expected && total != expected)
            {
                throw total < expected
                    ? new StorageException(StorageErrorCode.IncompleteBody, "You did not provide the number of bytes specified by the Content-Length HTTP header.")
                    : new StorageException(StorageErrorCode.InvalidRequest, "The body is longer than the Content-Length HTTP header.");
            }

            byte[] digest = md5.GetHashAndReset();
            md5Dirty = false;
            if (contentMd5 is not null && !CryptographicOperations.FixedTimeEquals(contentMd5, digest))
            {
                throw new StorageException(StorageErrorCode.BadDigest, "The Content-MD5 you specified did not match what we received.");
            }

            byte[]? checksumDigest = checksum?.GetDigest();
            if (checksumDigest is not null && checksumInput?.ExpectedValue() is { } expectedChecksum
                && !string.Equals(expectedChecksum, Convert.ToBase64String(checksumDigest), StringComparison.Ordinal))
            {
                throw new StorageException(
                    StorageErrorCode.ChecksumMismatch,
                    $"The {ChecksumAlgorithmNames.Name(checksumInput.Algorithm)} you specified did not match the calculated checksum.");
            }

            byte[]? inline = writer is null ? small.AsSpan(0, (int)total).ToArray() : null;
            var result = new IngestedBody(total, digest, checksumDigest, inline, writer);
            writer = null;
            return result;
        }
        finally
        {
            if (writer is not null)
            {
                await writer.DisposeAsync().ConfigureAwait(false);
            }

            if (small is not null)
            {
                ArrayPool<byte>.Shared.Return(small);
            }

            Md5Pool.Return(md5, md5Dirty);
        }
    }

    private static void Hash(IncrementalHash md5, ChecksumHasher? checksum, ReadOnlySpan<byte> data)
    {
        md5.AppendData(data);
        checksum?.Append(data);
    }

    private static StorageException TooLarge(long maxSize) =>
        new(StorageErrorCode.EntityTooLarge, $"Your proposed upload exceeds the maximum allowed size of {maxSize} bytes.");
}

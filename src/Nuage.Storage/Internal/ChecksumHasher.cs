namespace Nuage.Storage.Internal;

using System.Buffers.Binary;
using System.IO.Hashing;
using System.Security.Cryptography;
using Nuage.Storage.Objects;

/// <summary>
/// Incremental computation of an S3 additional checksum ("Checking object integrity"). CRCs are reported as their
/// big-endian bytes, which is how S3 base64-encodes x-amz-checksum-crc32/-crc32c/-crc64nvme.
/// </summary>
internal abstract class ChecksumHasher : IDisposable
{
    public static ChecksumHasher Create(ChecksumAlgorithm algorithm) => algorithm switch
    {
        ChecksumAlgorithm.Crc32 => new Crc32Hasher(new Crc32()),
        ChecksumAlgorithm.Crc32C => new Crc32Hasher(new Crc32(Crc32ParameterSet.Crc32C)),
        ChecksumAlgorithm.Crc64Nvme => new Crc64Hasher(new Crc64(Crc64ParameterSet.Nvme)),
        ChecksumAlgorithm.Sha1 => new CryptoHasher(IncrementalHash.CreateHash(HashAlgorithmName.SHA1)),
        ChecksumAlgorithm.Sha256 => new CryptoHasher(IncrementalHash.CreateHash(HashAlgorithmName.SHA256)),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    public abstract void Append(ReadOnlySpan<byte> data);

    public abstract byte[] GetDigest();

    public virtual void Dispose()
    {
    }

    private sealed class Crc32Hasher(Crc32 crc) : ChecksumHasher
    {
        public override void Append(ReadOnlySpan<byte> data) => crc.Append(data);

        public override byte[] GetDigest()
        {
            var digest = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(digest, crc.GetCurrentHashAsUInt32());
            return digest;
        }
    }

    private sealed class Crc64Hasher(Crc64 crc) : ChecksumHasher
    {
        public override void Append(ReadOnlySpan<byte> data) => crc.Append(data);

        public override byte[] GetDigest()
        {
            var digest = new byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(digest, crc.GetCurrentHashAsUInt64());
            return digest;
        }
    }

    private sealed class CryptoHasher(IncrementalHash hash) : ChecksumHasher
    {
        public override void Append(ReadOnlySpan<byte> data) => hash.AppendData(data);

        public override byte[] GetDigest() => hash.GetHashAndReset();

        public override void Dispose() => hash.Dispose();
    }
}

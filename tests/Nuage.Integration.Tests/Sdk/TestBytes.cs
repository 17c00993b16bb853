using System.IO.Hashing;
using System.Security.Cryptography;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>Deterministic test payloads and the digests S3 reports for them, computed independently of the server.</summary>
internal static class TestBytes
{
    public const int KiB = 1024;
    public const int MiB = 1024 * 1024;

    /// <summary>S3's minimum size of every part but the last ("Amazon S3 multipart upload limits").</summary>
    public const int MinPartSize = 5 * MiB;

    /// <summary>Pseudo-random bytes from a seed, so a failure can be reproduced byte for byte.</summary>
    public static byte[] Random(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static string Md5Hex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(MD5.HashData(data));

    public static string Md5Base64(ReadOnlySpan<byte> data) => Convert.ToBase64String(MD5.HashData(data));

    /// <summary>The ETag S3 gives a single PUT: the quoted MD5 hex of the body.</summary>
    public static string QuotedETag(ReadOnlySpan<byte> data) => "\"" + Md5Hex(data) + "\"";

    /// <summary>
    /// The ETag of a completed multipart upload: MD5 of the concatenated binary MD5s of the parts, hex, then
    /// "-" and the number of parts.
    /// </summary>
    public static string MultipartETag(IEnumerable<byte[]> parts)
    {
        using var concatenated = new MemoryStream();
        var count = 0;
        foreach (var part in parts)
        {
            concatenated.Write(MD5.HashData(part));
            count++;
        }

        return "\"" + Convert.ToHexStringLower(MD5.HashData(concatenated.ToArray())) + "-" + count + "\"";
    }

    /// <summary>x-amz-checksum-crc32: base64 of the big-endian CRC-32 (ISO-HDLC).</summary>
    public static string Crc32Base64(byte[] data) => Convert.ToBase64String(BigEndian(Crc32.HashToUInt32(data)));

    /// <summary>x-amz-checksum-crc32c: base64 of the big-endian CRC-32C (Castagnoli).</summary>
    public static string Crc32CBase64(byte[] data) => Convert.ToBase64String(BigEndian(Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, data)));

    public static string Sha1Base64(byte[] data) => Convert.ToBase64String(SHA1.HashData(data));

    public static string Sha256Base64(byte[] data) => Convert.ToBase64String(SHA256.HashData(data));

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static byte[] BigEndian(uint value) =>
        [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];
}

using System.Security.Cryptography;

namespace Nuage.Integration.Tests.Durability;

/// <summary>Random bytes for one key, with the hashes a reader checks them against.</summary>
public sealed class Payload
{
    public const int InlineLimit = 128 * 1024;

    private Payload(string key, byte[] bytes)
    {
        Key = key;
        Bytes = bytes;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Md5 = Convert.ToHexStringLower(MD5.HashData(bytes));
    }

    public string Key { get; }

    public byte[] Bytes { get; }

    public string Sha256 { get; }

    /// <summary>The ETag S3 gives a single PUT of these bytes.</summary>
    public string Md5 { get; }

    public static Payload Create(string key, int size, Random random)
    {
        var bytes = new byte[size];
        random.NextBytes(bytes);
        return new Payload(key, bytes);
    }

    /// <summary>
    /// A size from the durability mix: half small enough to live inline in the metadata row (up to and including
    /// 128 KiB), half blob-backed (just over 128 KiB up to 3 MiB).
    /// </summary>
    public static int MixedSize(Random random) => random.Next(4) switch
    {
        0 => random.Next(0, 4 * 1024),
        1 => random.Next(4 * 1024, InlineLimit + 1),
        2 => random.Next(InlineLimit + 1, 512 * 1024),
        _ => random.Next(512 * 1024, 3 * 1024 * 1024),
    };

    public override string ToString() => $"{Key} ({Bytes.Length} bytes, sha256 {Sha256[..12]})";
}

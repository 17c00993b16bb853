namespace Nuage.Storage.Tests;

using System.IO.Hashing;
using Nuage.Storage.Internal;

/// <summary>
/// CrcCombine against System.IO.Hashing's own computation of the whole: random data split at random points, each
/// piece hashed alone, the pieces' CRCs combined in order.
/// </summary>
public sealed class CrcCombineTests
{
    public static TheoryData<int> Seeds => [1, 2, 3, 4, 5, 6, 7, 8];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Crc32_of_pieces_combines_to_the_crc_of_the_whole(int seed) =>
        AssertCombines(seed, CrcCombine.Crc32, data => Crc32.HashToUInt32(data));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Crc32C_of_pieces_combines_to_the_crc_of_the_whole(int seed) =>
        AssertCombines(seed, CrcCombine.Crc32C, data => HashCrc32C(data));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Crc64Nvme_of_pieces_combines_to_the_crc_of_the_whole(int seed) =>
        AssertCombines(seed, CrcCombine.Crc64Nvme, data => HashCrc64Nvme(data));

    [Fact]
    public void Combining_with_an_empty_piece_changes_nothing()
    {
        var data = StorageFixture.RandomBytes(1000);
        ulong whole = HashCrc64Nvme(data);
        Assert.Equal(whole, CrcCombine.Crc64Nvme.Combine(whole, HashCrc64Nvme([]), 0));
        Assert.Equal(whole, CrcCombine.Crc64Nvme.Combine(HashCrc64Nvme([]), whole, data.Length));
    }

    [Fact]
    public void A_large_zero_run_combines_as_hashed()
    {
        // 5 MiB of zeros: the shift by x^(8n) covers many table entries, as a real 5 MiB part does.
        var a = StorageFixture.RandomBytes(100);
        var b = new byte[5 * 1024 * 1024];
        ulong expected = Crc32.HashToUInt32([.. a, .. b]);
        Assert.Equal(expected, CrcCombine.Crc32.Combine(Crc32.HashToUInt32(a), Crc32.HashToUInt32(b), b.Length));
    }

    private static void AssertCombines(int seed, CrcCombine combine, Func<byte[], ulong> hash)
    {
        var random = new Random(seed);
        var data = new byte[random.Next(1, 200_000)];
        random.NextBytes(data);
        int pieces = random.Next(1, 12);
        var cuts = Enumerable.Range(0, pieces - 1).Select(_ => random.Next(0, data.Length + 1)).Order().ToList();
        cuts.Insert(0, 0);
        cuts.Add(data.Length);

        ulong combined = hash(data[cuts[0]..cuts[1]]);
        for (int i = 1; i < cuts.Count - 1; i++)
        {
            var piece = data[cuts[i]..cuts[i + 1]];
            combined = combine.Combine(combined, hash(piece), piece.Length);
        }

        Assert.Equal(hash(data), combined);
    }

    private static ulong HashCrc32C(byte[] data)
    {
        var crc = new Crc32(Crc32ParameterSet.Crc32C);
        crc.Append(data);
        return crc.GetCurrentHashAsUInt32();
    }

    private static ulong HashCrc64Nvme(byte[] data)
    {
        var crc = new Crc64(Crc64ParameterSet.Nvme);
        crc.Append(data);
        return crc.GetCurrentHashAsUInt64();
    }
}

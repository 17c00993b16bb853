namespace Nuage.Blobs;

using System.IO.Hashing;

/// <summary>
/// The checksum of a stored block (DESIGN.md invariant 6): XXH3-64 seeded with the block's index, so a block that
/// is intact but sits at the wrong place also fails. XXH3 was measured at ~49 GB/s on this machine's EPYC core
/// against ~14 GB/s for CRC32C (System.IO.Hashing 11, 64 KiB blocks), and 64 bits make an undetected random
/// corruption negligible. Inline bodies in metadata rows use the same function with index 0.
/// </summary>
public static class BlockChecksum
{
    public static ulong Compute(ReadOnlySpan<byte> data, long blockIndex) => XxHash3.HashToUInt64(data, blockIndex);
}

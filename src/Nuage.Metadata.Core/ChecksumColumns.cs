namespace Nuage.Metadata.Core;

/// <summary>
/// The stored forms of checksums outside manifests. Inline data's block checksum (<see cref="InlineData"/>, the
/// blob format's 64-bit block checksum) is an unsigned 64-bit value; neither SQLite nor PostgreSQL has an unsigned
/// 64-bit integer type, so every engine keeps the same 64 bits in a signed one. The object checksum
/// (<see cref="StoredChecksum"/>) is kept as given: algorithm name and base64 value as text, composite as 0/1.
/// </summary>
public static class ChecksumColumns
{
    public static long FromBlockChecksum(ulong checksum) => unchecked((long)checksum);

    public static ulong ToBlockChecksum(long column) => unchecked((ulong)column);
}

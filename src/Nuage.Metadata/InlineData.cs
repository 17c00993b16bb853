namespace Nuage.Metadata;

/// <summary>
/// The whole body of a small object, stored in its row (DESIGN.md invariant 7). <see cref="Checksum"/> is the
/// blob store's block checksum of <see cref="Bytes"/> and is verified before a byte is served (invariant 6).
/// </summary>
public sealed record InlineData(byte[] Bytes, ulong Checksum) : DataLocation;

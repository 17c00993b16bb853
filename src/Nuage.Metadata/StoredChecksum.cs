namespace Nuage.Metadata;

/// <summary>
/// An additional checksum as the client sees it: the algorithm name (e.g. "CRC32C") and the base64 value,
/// "base64-N" when <see cref="IsComposite"/> (a multipart checksum of part checksums).
/// </summary>
public sealed record StoredChecksum(string Algorithm, string Value, bool IsComposite);

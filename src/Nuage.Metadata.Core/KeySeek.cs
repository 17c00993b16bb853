namespace Nuage.Metadata.Core;

/// <summary>
/// One index seek of a listing walk: the keys at or after <paramref name="From"/> (after it when
/// <paramref name="Exclusive"/>), below <paramref name="Upper"/> when it is set (the prefix's byte successor), at most
/// <paramref name="Limit"/> rows. Bounds are UTF-8 bytes, compared bytewise; they need not be valid UTF-8.
/// </summary>
public readonly record struct KeySeek(byte[] From, bool Exclusive, byte[]? Upper, int Limit);

namespace Nuage.Storage.Objects;

/// <summary>
/// A stored additional checksum: base64 of the digest, as in x-amz-checksum-*. For a multipart object whose upload
/// named an algorithm, Value is the composite form "base64-N" and IsComposite is true.
/// </summary>
public sealed record ObjectChecksum(ChecksumAlgorithm Algorithm, string Value, bool IsComposite = false);

namespace Nuage.Storage.Multipart;

using Nuage.Storage.Objects;

/// <summary>An uploaded part. ETag is the MD5 hex of the part's bytes, without quotes.</summary>
public sealed record PartInfo(int PartNumber, long Size, string ETag, DateTimeOffset LastModified, ObjectChecksum? Checksum);

namespace Nuage.Storage.Multipart;

/// <summary>One entry of CompleteMultipartUpload's part list. ETag without quotes; Checksum base64 when the client sent one.</summary>
public sealed record CompletedPart(int PartNumber, string ETag, string? Checksum = null);

namespace Nuage.Storage.Multipart;

/// <summary>A page of ListParts, ordered by part number.</summary>
public sealed record PartsPage(MultipartUploadInfo Upload, IReadOnlyList<PartInfo> Parts, bool IsTruncated, int NextPartNumberMarker);

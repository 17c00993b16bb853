namespace Nuage.Storage.Multipart;

/// <summary>
/// A page of ListMultipartUploads, ordered by key (byte order) then by initiation time.
/// NextKeyMarker/NextUploadIdMarker continue the listing when IsTruncated.
/// </summary>
public sealed record UploadsPage(
    IReadOnlyList<MultipartUploadInfo> Uploads,
    IReadOnlyList<string> CommonPrefixes,
    bool IsTruncated,
    string? NextKeyMarker,
    string? NextUploadIdMarker);

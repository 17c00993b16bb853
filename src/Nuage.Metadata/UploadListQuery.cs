namespace Nuage.Metadata;

/// <summary>
/// ListMultipartUploads: uploads ordered by key (UTF-8 byte order) then upload id. Without UploadIdMarker the page
/// starts after every upload of KeyMarker; with it, uploads of KeyMarker whose id sorts after it are included
/// (AWS ListMultipartUploads, "upload-id-marker").
/// </summary>
public sealed record UploadListQuery(
    string Bucket,
    string Prefix,
    string? Delimiter,
    string? KeyMarker,
    string? UploadIdMarker,
    int MaxUploads);

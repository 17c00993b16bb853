namespace Nuage.Storage.Internal;

/// <summary>The StorageExceptions the services throw, worded like AWS's messages.</summary>
internal static class Errors
{
    public static StorageException NoSuchBucket(string bucket) =>
        new(StorageErrorCode.NoSuchBucket, $"The specified bucket does not exist: {bucket}");

    public static StorageException NoSuchKey(string key) =>
        new(StorageErrorCode.NoSuchKey, $"The specified key does not exist: {key}");

    public static StorageException NoSuchVersion() =>
        new(StorageErrorCode.NoSuchVersion, "The specified version does not exist.");

    /// <summary>The key's latest version is a delete marker: 404 NoSuchKey, with x-amz-delete-marker and its version id.</summary>
    public static StorageException DeleteMarker(string key, string versionId) =>
        new(StorageErrorCode.NoSuchKey, $"The specified key does not exist: {key}") { DeleteMarkerVersionId = versionId };

    /// <summary>
    /// A delete marker named by its version id for a read or an update: "405 Method Not Allowed ... the response
    /// header x-amz-delete-marker: true" (AWS "Working with delete markers").
    /// </summary>
    public static StorageException MethodNotAllowedOnDeleteMarker(string versionId) =>
        new(StorageErrorCode.MethodNotAllowed, "The specified method is not allowed against this resource.") { DeleteMarkerVersionId = versionId };

    /// <summary>"Access Denied because object protected by object lock." (403, as AWS answers it).</summary>
    public static StorageException ObjectLocked() =>
        new(StorageErrorCode.ObjectLocked, "Access Denied because object protected by object lock.");

    /// <summary>
    /// 403 QuotaExceeded, the code Ceph RGW answers for a write over a user or bucket quota (S3 itself has no account
    /// quota to name it).
    /// </summary>
    public static StorageException QuotaExceeded(Quotas.AccountQuota quota) =>
        new(StorageErrorCode.QuotaExceeded, $"This write would take account {quota.AccountId} over its storage quota of {quota.LimitBytes} bytes.");

    public static StorageException NoSuchUpload() =>
        new(StorageErrorCode.NoSuchUpload, "The specified multipart upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.");

    public static StorageException PreconditionFailed() =>
        new(StorageErrorCode.PreconditionFailed, "At least one of the pre-conditions you specified did not hold");

    public static StorageException Corrupted(string what) =>
        new(StorageErrorCode.DataCorrupted, $"Stored data failed its integrity check: {what}");
}

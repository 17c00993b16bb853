namespace Nuage.Storage.Internal;

/// <summary>The StorageExceptions the services throw, worded like AWS's messages.</summary>
internal static class Errors
{
    public static StorageException NoSuchBucket(string bucket) =>
        new(StorageErrorCode.NoSuchBucket, $"The specified bucket does not exist: {bucket}");

    public static StorageException NoSuchKey(string key) =>
        new(StorageErrorCode.NoSuchKey, $"The specified key does not exist: {key}");

    public static StorageException NoSuchUpload() =>
        new(StorageErrorCode.NoSuchUpload, "The specified multipart upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.");

    public static StorageException PreconditionFailed() =>
        new(StorageErrorCode.PreconditionFailed, "At least one of the pre-conditions you specified did not hold");

    public static StorageException Corrupted(string what) =>
        new(StorageErrorCode.DataCorrupted, $"Stored data failed its integrity check: {what}");
}

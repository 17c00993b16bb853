namespace Nuage.Storage;

/// <summary>A storage outcome the caller is expected to report to its client (not a bug).</summary>
public sealed class StorageException(StorageErrorCode code, string message) : Exception(message)
{
    public StorageErrorCode Code { get; } = code;

    /// <summary>Optional argument name/value for InvalidArgument-style errors.</summary>
    public string? ArgumentName { get; init; }

    public string? ArgumentValue { get; init; }

    /// <summary>
    /// Set when the answer concerns a delete marker: the S3 door adds x-amz-delete-marker: true and this
    /// x-amz-version-id to the error response, as AWS does.
    /// </summary>
    public string? DeleteMarkerVersionId { get; init; }
}

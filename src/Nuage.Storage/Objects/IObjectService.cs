namespace Nuage.Storage.Objects;

/// <summary>
/// Object reads and writes. Every write returns only after its data and metadata are durable (DESIGN.md
/// invariants 2-3). Errors are StorageException with a StorageErrorCode.
/// </summary>
public interface IObjectService
{
    Task<ObjectInfo> PutObjectAsync(PutObjectRequest request, CancellationToken cancellationToken);

    /// <summary>Metadata of the current version (or of <paramref name="versionId"/>). NoSuchBucket / NoSuchKey.</summary>
    Task<ObjectInfo> HeadObjectAsync(string bucket, string key, string? versionId, CancellationToken cancellationToken);

    /// <summary>
    /// HeadObject as a client asks it: an SSE-C version needs its key (InvalidRequest without, WrongCustomerKey with
    /// another), and a key sent for any other version is InvalidRequest. The overload without a key is for callers
    /// that read metadata only (tagging, ACLs, authorization), which AWS serves without the key.
    /// </summary>
    Task<ObjectInfo> HeadObjectAsync(
        string bucket, string key, string? versionId, Nuage.Storage.Encryption.CustomerKey? customerKey, CancellationToken cancellationToken);

    /// <summary>Opens the object for streaming. Dispose the result when done.</summary>
    Task<ObjectContent> OpenObjectAsync(string bucket, string key, string? versionId, CancellationToken cancellationToken);

    /// <summary>Opens the object for streaming with the SSE-C key it needs (rules as for HeadObjectAsync with a key).</summary>
    Task<ObjectContent> OpenObjectAsync(
        string bucket, string key, string? versionId, Nuage.Storage.Encryption.CustomerKey? customerKey, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes one key (a delete marker in a versioned bucket) or, with <paramref name="versionId"/>, removes that
    /// version for good; with <paramref name="ifMatch"/>, only if its current object exists ("*") or has that ETag
    /// (NoSuchKey when it does not exist, PreconditionFailed when the ETag differs).
    /// </summary>
    Task<DeleteObjectResult> DeleteObjectAsync(
        string bucket, string key, string? versionId, CancellationToken cancellationToken, string? ifMatch = null, bool bypassGovernance = false);

    /// <summary>
    /// Deletes many keys (DeleteObjects, at most 1000) in one commit; one result per key, in request order. A key
    /// whose condition fails is reported and left, the others are deleted.
    /// </summary>
    Task<IReadOnlyList<DeleteObjectResult>> DeleteObjectsAsync(string bucket, IReadOnlyList<ObjectDeletion> keys, CancellationToken cancellationToken);

    Task<ObjectInfo> CopyObjectAsync(CopyObjectRequest request, CancellationToken cancellationToken);

    /// <summary>The object's owner and ACL. Throws NoSuchBucket, NoSuchKey or NoSuchVersion.</summary>
    Task<ObjectAcl> GetObjectAclAsync(string bucket, string key, string? versionId, CancellationToken cancellationToken);

    /// <summary>Replaces the object's ACL (null: back to the default) without touching its data. Throws NoSuchKey.</summary>
    Task SetObjectAclAsync(string bucket, string key, string? versionId, string? acl, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the tag set of the current version or of <paramref name="versionId"/> (null: none) in one unit of work, leaving its data, ETag and
    /// dates alone. Throws NoSuchBucket, NoSuchKey or NoSuchVersion. The tags are read with HeadObjectAsync.
    /// </summary>
    Task SetObjectTagsAsync(string bucket, string key, string? versionId, string? tags, CancellationToken cancellationToken);

    /// <summary>The retention and legal hold of the current version or of <paramref name="versionId"/>. Throws NoSuchKey / NoSuchVersion.</summary>
    Task<ObjectLockState> GetObjectLockAsync(string bucket, string key, string? versionId, CancellationToken cancellationToken);

    /// <summary>
    /// PutObjectRetention: sets (or with a null mode removes) the version's retention. ObjectLocked when that would
    /// weaken a retention in force: COMPLIANCE never, GOVERNANCE only with <paramref name="bypassGovernance"/>.
    /// </summary>
    Task SetObjectRetentionAsync(
        string bucket, string key, string? versionId, ObjectLockMode? mode, DateTimeOffset? retainUntil, bool bypassGovernance,
        CancellationToken cancellationToken);

    /// <summary>PutObjectLegalHold: turns the version's legal hold on or off.</summary>
    Task SetObjectLegalHoldAsync(string bucket, string key, string? versionId, bool on, CancellationToken cancellationToken);

    /// <summary>Current objects: the latest version of each key, delete markers left out.</summary>
    Task<ListObjectsPage> ListObjectsAsync(ListObjectsRequest request, CancellationToken cancellationToken);

    /// <summary>Every version and delete marker (ListObjectVersions). Throws NoSuchBucket.</summary>
    Task<ListObjectVersionsPage> ListObjectVersionsAsync(ListObjectVersionsRequest request, CancellationToken cancellationToken);
}

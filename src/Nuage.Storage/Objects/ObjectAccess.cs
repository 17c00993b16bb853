namespace Nuage.Storage.Objects;

/// <summary>
/// Who owns a new object and its ACL, as the front door decided from the bucket's Object Ownership setting and
/// the request's x-amz-acl / x-amz-grant-* headers. Owner null means the bucket owner; Acl null the default ACL
/// (the owner has FULL_CONTROL). Opaque to storage, which stores both with the object in one commit.
/// </summary>
public sealed record ObjectAccess(string? Owner, string? Acl)
{
    /// <summary>
    /// The new object's tag set (x-amz-tagging), opaque to storage like the ACL and stored in the same commit; null
    /// for none.
    /// </summary>
    public string? Tags { get; init; }

    /// <summary>
    /// The new version's retention and legal hold (x-amz-object-lock-* or the bucket's default retention), set in
    /// the same commit; null for none.
    /// </summary>
    public ObjectLockState? Lock { get; init; }

    public static readonly ObjectAccess Default = new(null, null);
}

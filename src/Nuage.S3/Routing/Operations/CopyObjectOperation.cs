namespace Nuage.S3.Routing.Operations;

/// <summary>
/// CopyObject: x-amz-copy-source parsed, x-amz-metadata-directive and x-amz-tagging-directive (COPY when absent),
/// and the new object's ACL headers.
/// </summary>
public sealed record CopyObjectOperation(string Bucket, string Key, CopySource Source, MetadataDirective Directive, RequestAcl? Acl = null)
    : ObjectOperation(Bucket, Key)
{
    public override S3Action Action => S3Action.CopyObject;

    /// <summary>COPY keeps the source's tags, REPLACE takes x-amz-tagging's (none when absent) ("CopyObject", x-amz-tagging-directive).</summary>
    public MetadataDirective TaggingDirective { get; init; }

    /// <summary>
    /// Whether x-amz-metadata-directive was sent: the condition key s3:x-amz-metadata-directive exists only then, so a
    /// policy requiring "COPY" refuses a copy that does not say so, as AWS's does.
    /// </summary>
    public bool DirectiveSent { get; init; }

    /// <summary>x-amz-server-side-encryption(-customer-algorithm), for the policy condition keys of the same names.</summary>
    public RequestEncryption? Encryption { get; init; }

    /// <summary>The Object Lock settings the write's headers ask for, which need permissions of their own; null for none.</summary>
    public RequestedLock? Lock { get; init; }
}

using Nuage.S3.Tagging;

namespace Nuage.S3.Routing.Operations;

/// <summary>PutObject; attributes, checksums and conditions travel in headers the handler reads with the body; <paramref name="Acl"/> from x-amz-acl / x-amz-grant-*.</summary>
public sealed record PutObjectOperation(string Bucket, string Key, RequestAcl? Acl = null) : ObjectOperation(Bucket, Key)
{
    public override S3Action Action => S3Action.PutObject;

    /// <summary>The new object's tags (x-amz-tagging), read here so policies can decide on them (s3:RequestObjectTag/&lt;key&gt;).</summary>
    public TagSet? Tags { get; init; }

    /// <summary>x-amz-server-side-encryption(-customer-algorithm), for the policy condition keys of the same names.</summary>
    public RequestEncryption? Encryption { get; init; }

    /// <summary>The Object Lock settings the write's headers ask for, which need permissions of their own; null for none.</summary>
    public RequestedLock? Lock { get; init; }
}

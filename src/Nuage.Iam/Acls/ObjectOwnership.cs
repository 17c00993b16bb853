namespace Nuage.Iam.Acls;

/// <summary>
/// A bucket's S3 Object Ownership setting ("Controlling ownership of objects and disabling ACLs for your bucket").
/// AWS's default for new buckets is <see cref="BucketOwnerEnforced"/>.
/// </summary>
public enum ObjectOwnership
{
    /// <summary>ACLs are disabled: the bucket owner owns every object; only policies grant access.</summary>
    BucketOwnerEnforced,

    /// <summary>ACLs work; an object written with bucket-owner-full-control belongs to the bucket owner.</summary>
    BucketOwnerPreferred,

    /// <summary>ACLs work; the writing account owns the object.</summary>
    ObjectWriter,
}

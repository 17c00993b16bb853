namespace Nuage.Metadata;

/// <summary>
/// A bucket's versioning state (AWS "Using versioning in S3 buckets"): a bucket starts unversioned; once versioning
/// has been enabled it can only be suspended, never returned to unversioned. Stored as the number of the member.
/// </summary>
public enum BucketVersioning
{
    Unversioned = 0,
    Enabled = 1,
    Suspended = 2,
}

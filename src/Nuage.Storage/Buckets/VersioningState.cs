namespace Nuage.Storage.Buckets;

/// <summary>
/// A bucket's versioning state as the S3 door sees it (GetBucketVersioning "Status"): never enabled, Enabled, or
/// Suspended. Once enabled, a bucket can be suspended but never made unversioned again (AWS "Using versioning").
/// </summary>
public enum VersioningState
{
    Unversioned,
    Enabled,
    Suspended,
}

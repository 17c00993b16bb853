namespace Nuage.Storage.Commits;

using Nuage.Metadata;

/// <summary>
/// What identifies one change to an object, given to <see cref="ObjectCommitPath"/> as input rather than chosen by
/// each writer: the version id it creates, its commit timestamp (S3's LastModified, and with the origin region the
/// last-writer-wins order of replication, DESIGN.md "Regions") and the region where the write was accepted. A
/// local write takes its stamp from its own transaction; a replicated write (a later issue) will bring the stamp
/// of the region that accepted it. <paramref name="VersionIdIsNew"/>: the id was made for this write and names no row
/// yet (a replicated write's id may already be here, and the null version always may), so the store need not look
/// for a row to replace nor an ACL to clear.
/// </summary>
internal readonly record struct CommitStamp(string VersionId, DateTimeOffset Timestamp, string OriginRegion, bool VersionIdIsNew = false)
{
    /// <summary>The version id of every write in an unversioned bucket (AWS: "the null version").</summary>
    public const string NullVersion = "null";

    /// <summary>
    /// A write accepted here, now: the transaction's commit time and this region; a new version id in a
    /// versioning-enabled bucket, the null version otherwise (unversioned or suspended: AWS "Working with objects
    /// in a versioning-suspended bucket").
    /// </summary>
    public static CommitStamp Local(IMetadataTransaction tx, string region, BucketVersioning versioning) =>
        versioning == BucketVersioning.Enabled
            ? new(VersionIds.New(), tx.Now, region, VersionIdIsNew: true)
            : new(NullVersion, tx.Now, region);
}

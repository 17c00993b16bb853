using System.Collections.Frozen;
using Nuage.Iam.Authorization;
using Nuage.S3.Tagging;
using Nuage.Storage;
using Nuage.Storage.Objects;

namespace Nuage.S3.Authorization;

/// <summary>
/// Supplies s3:ExistingObjectTag/&lt;key&gt; = value for each tag of the object an operation acts on ("Tagging and
/// access control policies": "verify that an existing object tag has the specific tag key and value"). The tags are
/// stored with the object, so supplying them costs a metadata read: it is made only for the actions that take the
/// key, and only when some policy that could decide the request has a condition on it.
/// </summary>
internal sealed class ExistingObjectTags(IAccessAuthorizer access, IObjectService objects)
{
    public const string KeyPrefix = "s3:ExistingObjectTag/";

    /// <summary>
    /// The object actions whose condition keys include s3:ExistingObjectTag/&lt;key&gt; ("Actions, resources, and
    /// condition keys for Amazon S3"). Not s3:PutObject or s3:DeleteObject(Version): "When granting permissions for
    /// the PUT Object and DELETE Object operations, this condition key is not supported."
    /// </summary>
    private static readonly FrozenSet<string> Actions = new[]
    {
        "s3:GetObject", "s3:GetObjectVersion",
        "s3:GetObjectAcl", "s3:GetObjectVersionAcl",
        "s3:PutObjectAcl", "s3:PutObjectVersionAcl",
        "s3:GetObjectTagging", "s3:GetObjectVersionTagging",
        "s3:PutObjectTagging", "s3:PutObjectVersionTagging",
        "s3:DeleteObjectTagging", "s3:DeleteObjectVersionTagging",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// The query with the object's tags among its service keys when a policy may read them; the query itself
    /// otherwise, and when the object (or the version the permission names) does not exist: then no tag condition
    /// is met, and the handler answers NoSuchKey as before.
    /// </summary>
    public async ValueTask<AccessQuery> AddAsync(AccessQuery query, S3Permission permission, CancellationToken cancellationToken)
    {
        if (permission.Bucket is not { } bucket || permission.Key is not { } key || !Actions.Contains(permission.Action)
            || !access.MayReadConditionKey(query, KeyPrefix))
        {
            return query;
        }

        // A *Version action names its version in s3:versionid (S3Permissions); the others act on the current object.
        string? versionId = permission.Conditions is { } conditions && conditions.TryGetValue("s3:versionid", out var id) ? id : null;
        string? stored;
        try
        {
            stored = (await objects.HeadObjectAsync(bucket, key, versionId, cancellationToken).ConfigureAwait(false)).Tags;
        }
        catch (StorageException)
        {
            return query;
        }

        if (stored is null)
        {
            return query;
        }

        var keys = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in query.ServiceKeys ?? new Dictionary<string, string>())
        {
            keys[name] = value;
        }

        // Stored tags were checked when written; the object limit is the one they were checked against.
        foreach (var (name, value) in TagSet.FromQueryString(stored, TagSet.MaxObjectTags).Tags)
        {
            keys[KeyPrefix + name] = value;
        }

        return query with { ServiceKeys = keys };
    }
}

namespace Nuage.Iam.Acls;

/// <summary>
/// S3 Block Public Access settings of a bucket or an account ("Blocking public access to your Amazon S3 storage",
/// API PublicAccessBlockConfiguration). The four settings are independent; where bucket and account settings
/// differ, "Amazon S3 applies the most restrictive combination", which is <see cref="Combine"/>.
/// </summary>
/// <param name="BlockPublicAcls">Refuse Put*Acl with a public ACL, and writes that carry one.</param>
/// <param name="IgnorePublicAcls">Evaluate ACLs as if their public grants were absent.</param>
/// <param name="BlockPublicPolicy">Refuse PutBucketPolicy with a public policy.</param>
/// <param name="RestrictPublicBuckets">With a public bucket policy, only the owner account and AWS services get in.</param>
public sealed record PublicAccessBlockConfiguration(
    bool BlockPublicAcls, bool IgnorePublicAcls, bool BlockPublicPolicy, bool RestrictPublicBuckets)
{
    private const int JsonVersion = 1;

    /// <summary>No configuration: nothing is blocked.</summary>
    public static PublicAccessBlockConfiguration None { get; } = new(false, false, false, false);

    /// <summary>All four settings on, as the S3 console and AWS recommend.</summary>
    public static PublicAccessBlockConfiguration All { get; } = new(true, true, true, true);

    public PublicAccessBlockConfiguration Combine(PublicAccessBlockConfiguration other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new PublicAccessBlockConfiguration(
            BlockPublicAcls || other.BlockPublicAcls,
            IgnorePublicAcls || other.IgnorePublicAcls,
            BlockPublicPolicy || other.BlockPublicPolicy,
            RestrictPublicBuckets || other.RestrictPublicBuckets);
    }

    public string ToJson() => StoredJson.Write(JsonVersion, json =>
    {
        json.WriteBoolean("blockPublicAcls", BlockPublicAcls);
        json.WriteBoolean("ignorePublicAcls", IgnorePublicAcls);
        json.WriteBoolean("blockPublicPolicy", BlockPublicPolicy);
        json.WriteBoolean("restrictPublicBuckets", RestrictPublicBuckets);
    });

    /// <exception cref="FormatException">The text is not a configuration this build wrote.</exception>
    public static PublicAccessBlockConfiguration FromJson(string json) =>
        StoredJson.Read(json, "public access block configuration", JsonVersion, root => new PublicAccessBlockConfiguration(
            root.GetProperty("blockPublicAcls").GetBoolean(),
            root.GetProperty("ignorePublicAcls").GetBoolean(),
            root.GetProperty("blockPublicPolicy").GetBoolean(),
            root.GetProperty("restrictPublicBuckets").GetBoolean()));
}

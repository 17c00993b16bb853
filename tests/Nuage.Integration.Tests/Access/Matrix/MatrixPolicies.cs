namespace Nuage.Integration.Tests.Access.Matrix;

/// <summary>The policy documents of the matrix, as JSON text.</summary>
internal static class MatrixPolicies
{
    /// <summary>
    /// The resources identity policies name: the private bucket, its objects, and the copies of it that cells which
    /// delete or re-police a bucket take (named <c>BUCKET-sN</c>).
    /// </summary>
    public static string Resources(string bucket) =>
        $"""["arn:aws:s3:::{bucket}","arn:aws:s3:::{bucket}/*","arn:aws:s3:::{bucket}-*"]""";

    /// <summary>s3:* on the bucket (and its copies) plus s3:ListAllMyBuckets.</summary>
    public static string AllowBucket(string bucket) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Sid":"Bucket","Effect":"Allow","Action":"s3:*","Resource":{{Resources(bucket)}}},{"Sid":"List","Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}""";

    /// <summary>The same Allow, and an explicit Deny of s3:* on the same resources: the Deny must win.</summary>
    public static string AllowThenDenyBucket(string bucket) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Sid":"Bucket","Effect":"Allow","Action":"s3:*","Resource":{{Resources(bucket)}}},{"Sid":"List","Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"},{"Sid":"Deny","Effect":"Deny","Action":"s3:*","Resource":{{Resources(bucket)}}}]}""";

    /// <summary>A role's policy: s3:* on the bucket, no ListAllMyBuckets.</summary>
    public static string RoleBucket(string bucket) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Sid":"Bucket","Effect":"Allow","Action":"s3:*","Resource":{{Resources(bucket)}}}]}""";

    public const string GetObjectOnly = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";

    public static string TrustAccountRoot(string accountId) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{accountId}}:root"},"Action":"sts:AssumeRole"}]}""";

    /// <summary>The private bucket's policy: s3:* for two named users of another account.</summary>
    public static string CrossAccount(string bucket, IEnumerable<string> userArns, string sid = "CrossAccount") =>
        $$"""{"Version":"2012-10-17","Statement":[{"Sid":"{{sid}}","Effect":"Allow","Principal":{"AWS":[{{string.Join(',', userArns.Select(a => $"\"{a}\""))}}]},"Action":"s3:*","Resource":["arn:aws:s3:::{{bucket}}","arn:aws:s3:::{{bucket}}/*"]}]}""";

    /// <summary>The public buckets' policy: everyone may read objects and list the bucket.</summary>
    public static string PublicRead(string bucket, string sid = "PublicRead") =>
        $$"""{"Version":"2012-10-17","Statement":[{"Sid":"{{sid}}","Effect":"Allow","Principal":"*","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::{{bucket}}","arn:aws:s3:::{{bucket}}/*"]}]}""";
}

namespace Nuage.Storage.Encryption.Kms;

/// <summary>
/// What the admin API and `nuage admin kms` show of an SSE-KMS key (AWS KMS DescribeKey's KeyMetadata, the parts
/// that apply here). Never the key material.
/// </summary>
/// <param name="KeyId">A UUID, as AWS KMS key ids are.</param>
/// <param name="Arn">arn:aws:kms:&lt;region&gt;:&lt;account&gt;:key/&lt;key id&gt;, what S3 answers in x-amz-server-side-encryption-aws-kms-key-id.</param>
/// <param name="Alias">"alias/&lt;name&gt;", or null; the account's default key is "alias/aws/s3".</param>
/// <param name="AwsManaged">True for the account's default key (aws/s3), created by S3 on first use as AWS does.</param>
/// <param name="MaterialVersions">How many key materials the key has had: 1, plus one per rotation.</param>
public sealed record KmsKey(
    string KeyId, string AccountId, string Arn, string? Alias, string Description, bool Enabled, bool AwsManaged,
    DateTimeOffset CreatedAt, int MaterialVersions, DateTimeOffset? LastRotatedAt);

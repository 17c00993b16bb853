using System.Text.Json;
using System.Text.Json.Serialization;
using Nuage.Storage.Encryption;

namespace Nuage.S3.Http;

/// <summary>
/// A bucket's default encryption (PutBucketEncryption), kept as the bucket setting "encryption": the word AES256 for
/// SSE-S3, as buckets configured before SSE-KMS existed hold it, or JSON for SSE-KMS with its KMSMasterKeyID (as
/// given: it is looked up at each write, in the writer's account, as S3 does) and BucketKeyEnabled.
/// </summary>
public sealed record BucketEncryptionSetting(
    [property: JsonPropertyName("algorithm")] string Algorithm,
    [property: JsonPropertyName("kmsMasterKeyId")] string? KmsMasterKeyId = null,
    [property: JsonPropertyName("bucketKeyEnabled")] bool BucketKeyEnabled = false)
{
    public const string Aes256 = "AES256";
    public const string AwsKms = "aws:kms";

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string ToSettingValue() => Algorithm == Aes256 ? Aes256 : JsonSerializer.Serialize(this, Json);

    public static BucketEncryptionSetting? Parse(string? value) => value switch
    {
        null => null,
        Aes256 => new BucketEncryptionSetting(Aes256),
        _ => JsonSerializer.Deserialize<BucketEncryptionSetting>(value, Json),
    };

    /// <summary>What a write sent without encryption headers gets.</summary>
    public RequestedEncryption AsRequested() => Algorithm == AwsKms
        ? new RequestedEncryption(ServerSideEncryption.KmsKey, KmsKeyId: KmsMasterKeyId, BucketKeyEnabled: BucketKeyEnabled)
        : RequestedEncryption.S3Managed;
}

namespace Nuage.Storage.Encryption.Kms;

using System.Text.Json;
using System.Text.Json.Serialization;

/// <summary>
/// The stored form of a key (the body column of kms_keys): its attributes and every key material it has had, each
/// sealed under the master key (<see cref="KmsMaterialSeal"/>). Versions are numbered from 1; the last is current.
/// </summary>
internal sealed record KmsKeyBody(
    string? Alias, string Description, bool Enabled, bool AwsManaged, DateTimeOffset CreatedAt, IReadOnlyList<KmsKeyBody.Material> Materials)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static KmsKeyBody FromJson(string json) =>
        JsonSerializer.Deserialize<KmsKeyBody>(json, Json) ?? throw new InvalidDataException("An empty KMS key body.");

    /// <param name="Sealed">Base64 of nonce | ciphertext | tag (<see cref="KmsMaterialSeal"/>).</param>
    internal sealed record Material(int Version, DateTimeOffset CreatedAt, string Sealed);
}

using System.Text.Json.Serialization;

namespace Nuage.Iam.Sessions;

/// <summary>
/// Everything a temporary credential is: sealed into its session token, so that STS keeps no table of sessions
/// and they survive a restart. Short JSON names keep the token short (clients send it with every request).
/// </summary>
public sealed record SessionClaims
{
    /// <summary>Format version of the sealed form.</summary>
    [JsonPropertyName("v")]
    public int Version { get; init; } = 1;

    /// <summary>The temporary access key id (ASIA...); also the sealing's associated data.</summary>
    [JsonPropertyName("k")]
    public required string AccessKeyId { get; init; }

    [JsonPropertyName("s")]
    public required string SecretAccessKey { get; init; }

    [JsonPropertyName("a")]
    public required string AccountId { get; init; }

    [JsonPropertyName("p")]
    public required PrincipalKind Kind { get; init; }

    /// <summary>GetSessionToken: the long-term key that asked; the session dies with it (deleted or deactivated).</summary>
    [JsonPropertyName("src")]
    public string? SourceAccessKeyId { get; init; }

    /// <summary>GetSessionToken of an IAM user: its name and unique id (a user re-created under the name is another user).</summary>
    [JsonPropertyName("u")]
    public string? UserName { get; init; }

    [JsonPropertyName("uid")]
    public string? UserId { get; init; }

    /// <summary>AssumeRole: the role's name, ARN and unique id, the session name and the session policy.</summary>
    [JsonPropertyName("r")]
    public string? RoleName { get; init; }

    [JsonPropertyName("ra")]
    public string? RoleArn { get; init; }

    [JsonPropertyName("ri")]
    public string? RoleId { get; init; }

    [JsonPropertyName("n")]
    public string? SessionName { get; init; }

    [JsonPropertyName("sp")]
    public string? SessionPolicy { get; init; }

    [JsonPropertyName("i")]
    public required DateTimeOffset IssuedAt { get; init; }

    [JsonPropertyName("e")]
    public required DateTimeOffset Expiration { get; init; }
}

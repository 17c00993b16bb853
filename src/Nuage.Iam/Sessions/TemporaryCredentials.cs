namespace Nuage.Iam.Sessions;

/// <summary>What STS hands out ("Credentials" in GetSessionToken and AssumeRole): a key, its secret, the token, the expiry.</summary>
public sealed record TemporaryCredentials(string AccessKeyId, string SecretAccessKey, string SessionToken, DateTimeOffset Expiration);

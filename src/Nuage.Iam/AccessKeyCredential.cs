namespace Nuage.Iam;

/// <summary>
/// An access key, its secret and the principal it resolves to. A temporary credential (STS) also has a session
/// token, which every request signed with it must carry (x-amz-security-token); null for a long-term key.
/// </summary>
public sealed record AccessKeyCredential(string AccessKeyId, string SecretAccessKey, Principal Principal, string? SessionToken = null);

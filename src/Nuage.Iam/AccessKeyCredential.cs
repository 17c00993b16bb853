namespace Nuage.Iam;

/// <summary>An access key, its secret and the principal it resolves to.</summary>
public sealed record AccessKeyCredential(string AccessKeyId, string SecretAccessKey, Principal Principal);

namespace Nuage.Metadata;

/// <summary>
/// One SSE-KMS key of an account: <paramref name="KeyId"/> is a UUID, unique everywhere; <paramref name="Body"/> is
/// the storage key ring's JSON (alias, state, sealed material versions), opaque to the store.
/// </summary>
public sealed record KmsKeyRow(string KeyId, string AccountId, string Body);

namespace Nuage.Testing;

/// <summary>
/// One SigV4 header signature: the Authorization header to send, and what chunk signatures chain from
/// (the request's date and scope, its signature as the first "previous signature", and the derived signing key).
/// </summary>
public sealed record SigV4Signature(string Authorization, string AmzDate, string Scope, string Value, byte[] SigningKey);

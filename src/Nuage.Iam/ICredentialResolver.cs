namespace Nuage.Iam;

/// <summary>
/// The one place that turns an access key into a principal (DESIGN.md "Shape the core"): the root key, account and
/// IAM users' keys, and STS temporary keys, whose session token carries the credential itself.
/// </summary>
public interface ICredentialResolver
{
    /// <summary>
    /// The credential for <paramref name="accessKeyId"/>, or null when no such key exists. Asynchronous because keys
    /// move into the metadata store; a resolver that holds its keys in memory completes synchronously, which keeps
    /// authentication free of allocations for them (callers check <see cref="ValueTask{T}.IsCompletedSuccessfully"/>).
    /// </summary>
    ValueTask<AccessKeyCredential?> FindAsync(string accessKeyId, CancellationToken cancellationToken);

    /// <summary>
    /// The credential for <paramref name="accessKeyId"/> as the request presents it, with the session token it
    /// carries (x-amz-security-token), so that a temporary key, which exists nowhere but in its token, can be
    /// resolved and an expired or forged token told apart from an unknown key. Resolvers without temporary keys
    /// need not implement it.
    /// </summary>
    ValueTask<CredentialLookup> FindAsync(string accessKeyId, string? sessionToken, CancellationToken cancellationToken)
    {
        var lookup = FindAsync(accessKeyId, cancellationToken);
        return lookup.IsCompletedSuccessfully ? new(CredentialLookup.Found(lookup.Result)) : AwaitAsync(lookup);

        static async ValueTask<CredentialLookup> AwaitAsync(ValueTask<AccessKeyCredential?> pending) =>
            CredentialLookup.Found(await pending.ConfigureAwait(false));
    }
}

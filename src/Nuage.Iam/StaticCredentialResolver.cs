namespace Nuage.Iam;

/// <summary>
/// A fixed set of keys held in memory: today only the root key. Accounts and IAM users will bring a resolver backed
/// by the metadata store; callers keep using <see cref="ICredentialResolver"/>.
/// </summary>
public sealed class StaticCredentialResolver : ICredentialResolver
{
    private readonly Dictionary<string, AccessKeyCredential> _byAccessKey;

    public StaticCredentialResolver(params IEnumerable<AccessKeyCredential> credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        _byAccessKey = new Dictionary<string, AccessKeyCredential>(StringComparer.Ordinal);
        foreach (var credential in credentials)
        {
            if (!_byAccessKey.TryAdd(credential.AccessKeyId, credential))
            {
                throw new ArgumentException($"Access key {credential.AccessKeyId} is listed twice.", nameof(credentials));
            }
        }
    }

    /// <summary>A resolver that knows the root key only.</summary>
    public static StaticCredentialResolver ForRoot(RootCredentials root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return new StaticCredentialResolver(root.ToCredential());
    }

    public ValueTask<AccessKeyCredential?> FindAsync(string accessKeyId, CancellationToken cancellationToken) =>
        new(_byAccessKey.TryGetValue(accessKeyId, out var credential) ? credential : null);
}

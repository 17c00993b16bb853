using System.Runtime.CompilerServices;
using Nuage.Iam.Identities;

namespace Nuage.Iam;

/// <summary>
/// Resolves access keys from the identity directory: the installation's root key (the operator), account root
/// users' keys and IAM users' keys. Only active keys resolve; a key deactivated or deleted stops working with the
/// next request, because every change publishes a new directory. Completes synchronously (no I/O).
/// </summary>
public sealed class DirectoryCredentialResolver(IdentityRegistry registry, RootCredentials root) : ICredentialResolver
{
    private readonly AccessKeyCredential _root = root.ToCredential();

    // One credential object per key record: records are immutable and replaced on change, so the cache never
    // serves a stale principal and requests allocate nothing to resolve a key.
    private readonly ConditionalWeakTable<AccessKey, AccessKeyCredential> _credentials = [];

    public ValueTask<AccessKeyCredential?> FindAsync(string accessKeyId, CancellationToken cancellationToken)
    {
        if (accessKeyId == _root.AccessKeyId)
        {
            return new(_root);
        }

        var directory = registry.Current;
        if (!directory.AccessKeys.TryGetValue(accessKeyId, out var key) || !key.Active)
        {
            return new((AccessKeyCredential?)null);
        }

        return new(_credentials.GetValue(key, k => Create(directory, k)));
    }

    private static AccessKeyCredential Create(IdentityDirectory directory, AccessKey key)
    {
        var account = directory.Accounts.GetValueOrDefault(key.AccountId);
        Principal principal;
        if (key.UserName is null)
        {
            principal = new Principal(key.AccountId, key.AccessKeyId, account?.Name ?? key.AccountId) { Kind = PrincipalKind.AccountRoot };
        }
        else
        {
            var user = directory.FindUser(key.AccountId, key.UserName);
            principal = new Principal(key.AccountId, key.AccessKeyId, key.UserName)
            {
                Kind = PrincipalKind.User,
                Arn = user?.Arn ?? IamArns.Of(key.AccountId, "user", "/", key.UserName),
                UserId = user?.Id ?? key.UserName,
                UserName = key.UserName,
            };
        }

        return new AccessKeyCredential(key.AccessKeyId, key.Secret, principal);
    }
}

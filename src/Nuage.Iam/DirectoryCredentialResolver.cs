using System.Runtime.CompilerServices;
using Nuage.Iam.Identities;
using Nuage.Iam.Sessions;

namespace Nuage.Iam;

/// <summary>
/// Resolves access keys from the identity directory: the installation's root key (the operator), account root
/// users' keys and IAM users' keys. Only active keys resolve; a key deactivated or deleted stops working with the
/// next request, because every change publishes a new directory. Temporary keys (ASIA...) resolve from their
/// session token alone (<see cref="SessionCredentialResolver"/>). Completes synchronously (no I/O).
/// </summary>
public sealed class DirectoryCredentialResolver : ICredentialResolver
{
    /// <summary>The prefix of temporary key ids (<see cref="IdentityIds.TemporaryAccessKeyId"/>).</summary>
    private const string TemporaryKeyPrefix = "ASIA";

    private readonly IdentityRegistry _registry;
    private readonly AccessKeyCredential _root;
    private readonly SessionCredentialResolver? _sessions;

    // One credential object per key record: records are immutable and replaced on change, so the cache never
    // serves a stale principal and requests allocate nothing to resolve a key.
    private readonly ConditionalWeakTable<AccessKey, AccessKeyCredential> _credentials = [];

    /// <summary>A resolver of long-term keys only (no session tokens).</summary>
    public DirectoryCredentialResolver(IdentityRegistry registry, RootCredentials root)
        : this(registry, root, null, TimeProvider.System)
    {
    }

    public DirectoryCredentialResolver(IdentityRegistry registry, RootCredentials root, SessionTokenCodec? sessionTokens, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(root);
        _registry = registry;
        _root = root.ToCredential();
        _sessions = sessionTokens is null ? null : new SessionCredentialResolver(registry, root, sessionTokens, time);
    }

    public ValueTask<CredentialLookup> FindAsync(string accessKeyId, string? sessionToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accessKeyId);

        // Long-term keys are AKIA... (or the operator's configured key); a token sent with one is ignored, as S3 does.
        if (sessionToken is not null && _sessions is not null && accessKeyId.StartsWith(TemporaryKeyPrefix, StringComparison.Ordinal))
        {
            return new(_sessions.Resolve(accessKeyId, sessionToken));
        }

        return new(CredentialLookup.Found(Find(accessKeyId)));
    }

    public ValueTask<AccessKeyCredential?> FindAsync(string accessKeyId, CancellationToken cancellationToken) => new(Find(accessKeyId));

    private AccessKeyCredential? Find(string accessKeyId)
    {
        if (accessKeyId == _root.AccessKeyId)
        {
            return _root;
        }

        var directory = _registry.Current;
        if (!directory.AccessKeys.TryGetValue(accessKeyId, out var key) || !key.Active)
        {
            return null;
        }

        return _credentials.GetValue(key, k => new AccessKeyCredential(k.AccessKeyId, k.Secret, PrincipalOf(directory, k)));
    }

    /// <summary>The principal a long-term key of an account root or IAM user acts as.</summary>
    internal static Principal PrincipalOf(IdentityDirectory directory, AccessKey key)
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

        return principal;
    }
}

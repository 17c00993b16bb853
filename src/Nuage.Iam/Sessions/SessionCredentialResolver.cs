using Nuage.Iam.Identities;

namespace Nuage.Iam.Sessions;

/// <summary>
/// Turns a temporary key and its session token back into a credential: the token is opened (a forged or garbled
/// one is <see cref="CredentialFailure.InvalidToken"/>), its expiry checked against the clock
/// (<see cref="CredentialFailure.ExpiredToken"/>), and what it names looked up in the current directory, so that
/// a session of a user, key or role deleted since (or a role re-created under the same name, which gets a new id,
/// as in IAM) stops working with the next request.
/// </summary>
internal sealed class SessionCredentialResolver(IdentityRegistry registry, RootCredentials root, SessionTokenCodec codec, TimeProvider time)
{
    public CredentialLookup Resolve(string accessKeyId, string token)
    {
        if (codec.TryOpen(accessKeyId, token) is not { } claims)
        {
            return CredentialLookup.Failed(CredentialFailure.InvalidToken);
        }

        if (time.GetUtcNow() >= claims.Expiration)
        {
            return CredentialLookup.Failed(CredentialFailure.ExpiredToken);
        }

        return PrincipalOf(registry.Current, claims) is { } principal
            ? CredentialLookup.Found(new AccessKeyCredential(accessKeyId, claims.SecretAccessKey, principal, token))
            : CredentialLookup.Failed(CredentialFailure.InvalidToken);
    }

    private Principal? PrincipalOf(IdentityDirectory directory, SessionClaims claims)
    {
        switch (claims.Kind)
        {
            case PrincipalKind.AssumedRole:
                var role = directory.FindRole(claims.AccountId, claims.RoleName ?? "");
                if (role is null || role.Id != claims.RoleId || claims.SessionName is not { } session)
                {
                    return null;
                }

                return new Principal(role.AccountId, claims.AccessKeyId, role.Name + "/" + session)
                {
                    Kind = PrincipalKind.AssumedRole,
                    Arn = StsArns.AssumedRole(role.AccountId, role.Name, session),
                    UserId = role.Id + ":" + session,
                    Session = new RoleSession(role.Name, role.Arn, session, claims.SessionPolicy),
                };

            case PrincipalKind.Operator:
                return claims.SourceAccessKeyId == root.AccessKeyId
                    ? root.ToCredential().Principal with { AccessKeyId = claims.AccessKeyId }
                    : null;

            default:
                // GetSessionToken of an account root or IAM user: the key that asked must still be active, and the
                // user still the one it was.
                var source = directory.AccessKeys.GetValueOrDefault(claims.SourceAccessKeyId ?? "");
                if (source is null || !source.Active || source.AccountId != claims.AccountId
                    || !string.Equals(source.UserName, claims.UserName, StringComparison.Ordinal))
                {
                    return null;
                }

                if (claims.UserName is not null && directory.FindUser(claims.AccountId, claims.UserName)?.Id != claims.UserId)
                {
                    return null;
                }

                return DirectoryCredentialResolver.PrincipalOf(directory, source) with { AccessKeyId = claims.AccessKeyId };
        }
    }
}

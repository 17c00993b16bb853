using System.Text.RegularExpressions;
using Nuage.Iam.Authorization;
using Nuage.Iam.Identities;
using Nuage.Iam.Management;
using Nuage.Iam.Policies;

namespace Nuage.Iam.Sessions;

/// <summary>
/// STS: temporary credentials for the caller (GetSessionToken) or for a role (AssumeRole). Nothing is stored: the
/// credential lives in its sealed session token (<see cref="SessionTokenCodec"/>) and is checked against the
/// directory on every request (<see cref="SessionCredentialResolver"/>).
/// </summary>
public sealed partial class StsService(IdentityRegistry registry, SessionTokenCodec tokens, IAccessAuthorizer authorizer, TimeProvider time)
{
    /// <summary>"GetSessionToken": DurationSeconds 900 to 129,600, 43,200 by default; at most 3,600 for a root user.</summary>
    public const int MinDurationSeconds = 900;
    public const int MaxSessionTokenSeconds = 129600;
    public const int DefaultSessionTokenSeconds = 43200;
    public const int MaxRootSessionSeconds = 3600;

    /// <summary>"AssumeRole": 3,600 seconds by default; role chaining (a role session assuming a role) at most one hour.</summary>
    public const int DefaultRoleSessionSeconds = 3600;

    public TemporaryCredentials GetSessionToken(Principal caller, int? durationSeconds)
    {
        ArgumentNullException.ThrowIfNull(caller);

        // "GetSessionToken": "You cannot call GetSessionToken with session credentials" (role sessions, or
        // credentials that came from GetSessionToken itself).
        if (caller.Kind == PrincipalKind.AssumedRole || caller.AccessKeyId.StartsWith("ASIA", StringComparison.Ordinal))
        {
            throw new IamException(IamErrorCode.AccessDenied, "Cannot call GetSessionToken with session credentials");
        }

        var max = caller.IsRoot ? MaxRootSessionSeconds : MaxSessionTokenSeconds;
        var seconds = CheckDuration(durationSeconds ?? Math.Min(DefaultSessionTokenSeconds, max), max, "durationSeconds");
        var now = time.GetUtcNow();
        var claims = new SessionClaims
        {
            AccessKeyId = IdentityIds.TemporaryAccessKeyId(),
            SecretAccessKey = IdentityIds.Secret(),
            AccountId = caller.AccountId,
            Kind = caller.Kind,
            SourceAccessKeyId = caller.AccessKeyId,
            UserName = caller.UserName,
            UserId = caller.Kind == PrincipalKind.User ? caller.UserId : null,
            IssuedAt = now,
            Expiration = now.AddSeconds(seconds),
        };
        return Issue(claims);
    }

    /// <param name="query">Who asks and the request's context: action sts:AssumeRole on the role's ARN.</param>
    public async Task<AssumedRoleSession> AssumeRoleAsync(
        AccessQuery query, string? sessionName, int? durationSeconds, string? sessionPolicy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var caller = query.Principal ?? throw new IamException(IamErrorCode.AccessDenied, "Anonymous callers cannot assume roles.");
        if (string.IsNullOrEmpty(sessionName) || sessionName.Length is < 2 or > 64 || !SessionNameSyntax().IsMatch(sessionName))
        {
            throw new IamException(
                IamErrorCode.ValidationError,
                "1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint: Member must have length between 2 and 64 and match [\\w+=,.@-]*");
        }

        if (sessionPolicy is not null)
        {
            PolicyValidation.Validate(sessionPolicy, PolicyKind.Session, PolicySizeLimits.Session, "session policy");
        }

        var directory = registry.Current;
        var role = FindRole(directory, query.Resource);
        if (role is null || !await MayAssumeAsync(directory, role, query, cancellationToken).ConfigureAwait(false))
        {
            // The same answer whether the role exists or not, as STS gives it: existence is not revealed.
            throw new IamException(
                IamErrorCode.AccessDenied, $"User: {caller.Arn} is not authorized to perform: sts:AssumeRole on resource: {query.Resource}");
        }

        var max = caller.Kind == PrincipalKind.AssumedRole ? Math.Min(DefaultRoleSessionSeconds, role.MaxSessionDuration) : role.MaxSessionDuration;
        var requested = durationSeconds ?? Math.Min(DefaultRoleSessionSeconds, max);
        if (requested > max && requested <= RoleService.MaxSessionSeconds)
        {
            throw new IamException(
                IamErrorCode.ValidationError,
                "The requested DurationSeconds exceeds the MaxSessionDuration set for this role" + (caller.Kind == PrincipalKind.AssumedRole ? " (one hour when chaining roles)." : "."));
        }

        var seconds = CheckDuration(requested, Math.Min(max, RoleService.MaxSessionSeconds), "durationSeconds");
        var now = time.GetUtcNow();
        var claims = new SessionClaims
        {
            AccessKeyId = IdentityIds.TemporaryAccessKeyId(),
            SecretAccessKey = IdentityIds.Secret(),
            AccountId = role.AccountId,
            Kind = PrincipalKind.AssumedRole,
            RoleName = role.Name,
            RoleArn = role.Arn,
            RoleId = role.Id,
            SessionName = sessionName,
            SessionPolicy = sessionPolicy,
            IssuedAt = now,
            Expiration = now.AddSeconds(seconds),
        };
        return new AssumedRoleSession(Issue(claims), StsArns.AssumedRole(role.AccountId, role.Name, sessionName), role.Id + ":" + sessionName);
    }

    /// <summary>
    /// The role's trust policy must grant the caller sts:AssumeRole (a trust policy is a resource policy whose
    /// resource is the role), and the whole decision must allow it: for a caller of another account, or one the
    /// trust policy names only through its account, that also takes the caller's identity policies ("How IAM
    /// roles differ from resource-based policies"; "Cross-account policy evaluation logic"). The operator may
    /// assume any role, as it may do anything.
    /// </summary>
    private async Task<bool> MayAssumeAsync(IdentityDirectory directory, IamRole role, AccessQuery query, CancellationToken cancellationToken)
    {
        if (query.Principal is { Kind: PrincipalKind.Operator })
        {
            return true;
        }

        PolicyDocument trust;
        try
        {
            trust = PolicyDocument.Parse(role.TrustPolicy, PolicyKind.Trust);
        }
        catch (MalformedPolicyException)
        {
            return false;
        }

        var request = new PolicyRequest(query.Action, role.Arn, AccessAuthorizer.ToPolicyPrincipal(directory, query.Principal), requestTime: query.RequestTime);
        if (PolicyEvaluator.Evaluate(trust, request) != PolicyDecision.Allow)
        {
            return false;
        }

        var full = query with { Resource = role.Arn, ResourceOwnerAccountId = role.AccountId, ResourcePolicy = trust };
        return await authorizer.IsAllowedAsync(full, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The role an ARN arn:aws:iam::ACCOUNT:role/PATH/NAME names, if it exists with exactly that ARN.</summary>
    private static IamRole? FindRole(IdentityDirectory directory, string roleArn)
    {
        var parts = roleArn.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "iam" || !parts[5].StartsWith("role/", StringComparison.Ordinal))
        {
            throw new IamException(IamErrorCode.ValidationError, $"{roleArn} is invalid");
        }

        var name = parts[5][(parts[5].LastIndexOf('/') + 1)..];
        var role = directory.FindRole(parts[4], name);
        return role is not null && role.Arn == roleArn ? role : null;
    }

    private static int CheckDuration(int seconds, int max, string what)
    {
        if (seconds < MinDurationSeconds || seconds > max)
        {
            throw new IamException(
                IamErrorCode.ValidationError,
                $"1 validation error detected: Value '{seconds}' at '{what}' failed to satisfy constraint: Member must have value between {MinDurationSeconds} and {max}");
        }

        return seconds;
    }

    private TemporaryCredentials Issue(SessionClaims claims) =>
        new(claims.AccessKeyId, claims.SecretAccessKey, tokens.Seal(claims), claims.Expiration);

    [GeneratedRegex(@"^[\w+=,.@-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex SessionNameSyntax();
}

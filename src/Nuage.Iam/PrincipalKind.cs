namespace Nuage.Iam;

/// <summary>What kind of identity signed a request.</summary>
public enum PrincipalKind
{
    /// <summary>The installation's root credentials: root of the operator's account, and manager of every account.</summary>
    Operator,

    /// <summary>The root user of an account: every permission on what the account owns.</summary>
    AccountRoot,

    /// <summary>An IAM user: only what its policies (and its groups') grant.</summary>
    User,

    /// <summary>A role session from STS AssumeRole: the role's policies, narrowed by the session policy.</summary>
    AssumedRole,
}

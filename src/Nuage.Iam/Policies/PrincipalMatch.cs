namespace Nuage.Iam.Policies;

/// <summary>
/// How a Principal element named the caller. The access evaluator needs the difference: a grant to a whole account
/// is a delegation that the account's own identity policies must complete, and a grant to a role (rather than to
/// one of its sessions) stays subject to the session policy (AWS "Session policies").
/// </summary>
[Flags]
internal enum PrincipalMatch
{
    None = 0,

    /// <summary>"*": everyone, anonymous included.</summary>
    Everyone = 1,

    /// <summary>The caller's account id or account root ARN.</summary>
    Account = 2,

    /// <summary>The caller's own ARN: its user ARN or its role-session ARN.</summary>
    Exact = 4,

    /// <summary>The ARN of the role the caller's session belongs to.</summary>
    Role = 8,

    Any = Everyone | Account | Exact | Role,
}

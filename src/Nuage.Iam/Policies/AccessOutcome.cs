namespace Nuage.Iam.Policies;

/// <summary>A decision with the reason that decided it, for access logs and test failure messages.</summary>
public sealed record AccessOutcome(AccessDecision Decision, string Reason)
{
    public bool IsAllowed => Decision == AccessDecision.Allow;

    public override string ToString() => $"{Decision}: {Reason}";
}

namespace Nuage.Iam.Policies;

/// <summary>The final verdict of <see cref="AccessEvaluator"/> over every policy that applies to a request.</summary>
public enum AccessDecision
{
    Allow,

    /// <summary>Some applicable policy denies explicitly.</summary>
    ExplicitDeny,

    /// <summary>Nothing allows: AWS's default deny.</summary>
    ImplicitDeny,
}

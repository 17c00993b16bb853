namespace Nuage.Iam.Policies;

/// <summary>One policy document's verdict on one request.</summary>
public enum PolicyDecision
{
    /// <summary>No statement applies: the document neither allows nor denies.</summary>
    NotApplicable,

    /// <summary>An Allow statement applies and no Deny statement does.</summary>
    Allow,

    /// <summary>A Deny statement applies; AWS "Policy evaluation logic": an explicit deny overrides any allow.</summary>
    ExplicitDeny,
}

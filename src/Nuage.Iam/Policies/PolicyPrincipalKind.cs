namespace Nuage.Iam.Policies;

/// <summary>What kind of identity makes a request.</summary>
public enum PolicyPrincipalKind
{
    /// <summary>An unsigned request.</summary>
    Anonymous,

    /// <summary>An account's root user.</summary>
    AccountRoot,

    /// <summary>An IAM user of an account.</summary>
    User,

    /// <summary>A role session obtained through sts:AssumeRole.</summary>
    AssumedRole,

    /// <summary>Nuage's installation superuser (the root credentials of the whole installation).</summary>
    Operator,
}

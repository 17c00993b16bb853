namespace Nuage.Iam;

/// <summary>
/// Who a verified request acts as: the account, the access key it signed with, and the identity behind the key.
/// <see cref="Arn"/> is what policies name (arn:aws:iam::ACCOUNT:root, :user/NAME, arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION)
/// and <see cref="UserId"/> is aws:userid.
/// </summary>
public sealed record Principal(string AccountId, string AccessKeyId, string DisplayName)
{
    public PrincipalKind Kind { get; init; } = PrincipalKind.AccountRoot;

    public string Arn { get; init; } = "arn:aws:iam::" + AccountId + ":root";

    /// <summary>aws:userid: the account id for a root user, the user id (AIDA...) for a user, ROLEID:SESSION for a role session.</summary>
    public string UserId { get; init; } = AccountId;

    /// <summary>The IAM user name (aws:username); null for root users and role sessions.</summary>
    public string? UserName { get; init; }

    /// <summary>For a role session: the role's name and ARN, the session's name and its session policy (JSON), if any.</summary>
    public RoleSession? Session { get; init; }

    /// <summary>True for the operator and account root users, whose own account's resources need no policy.</summary>
    public bool IsRoot => Kind is PrincipalKind.Operator or PrincipalKind.AccountRoot;
}

namespace Nuage.Iam.Policies;

/// <summary>
/// Who makes a request, as policy evaluation sees it. <see cref="Arn"/> is the identity a Principal element names
/// exactly; a role session also answers to its <see cref="RoleArn"/> (AWS "AWS JSON policy elements: Principal",
/// role sessions). <see cref="UserId"/> is what aws:userid reports ("IAM policy elements: Variables and tags",
/// the table of aws:userid values): the user's unique id, "ROLEID:SESSION" for a role session, the account id
/// for the root user and "anonymous" for unsigned requests.
/// </summary>
public sealed record PolicyPrincipal(
    PolicyPrincipalKind Kind,
    string AccountId,
    string Arn,
    string? UserName,
    string UserId,
    string? RoleArn = null,
    string? SessionName = null)
{
    public const string Partition = "aws";

    /// <summary>
    /// The tags of the IAM user, or of the role behind a session: the request's aws:PrincipalTag/&lt;key&gt; keys
    /// ("AWS global condition context keys", aws:PrincipalTag). Root users and anonymous callers have none.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Tags { get; init; } = [];

    public static PolicyPrincipal Anonymous { get; } =
        new(PolicyPrincipalKind.Anonymous, AccountId: "", Arn: "", UserName: null, UserId: "anonymous");

    /// <summary>The installation superuser; it belongs to no customer account.</summary>
    public static PolicyPrincipal Operator(string accountId) =>
        new(PolicyPrincipalKind.Operator, accountId, RootArn(accountId), UserName: null, UserId: accountId);

    public static PolicyPrincipal Root(string accountId) =>
        new(PolicyPrincipalKind.AccountRoot, accountId, RootArn(accountId), UserName: null, UserId: accountId);

    /// <param name="path">IAM path, "/" or "/a/b/" (it is part of the user's ARN).</param>
    public static PolicyPrincipal User(string accountId, string userName, string userId, string path = "/") =>
        new(PolicyPrincipalKind.User, accountId, $"arn:{Partition}:iam::{accountId}:user{path}{userName}", userName, userId);

    /// <summary>A session of role <paramref name="roleName"/>; its ARN is arn:aws:sts::ACCT:assumed-role/ROLE/SESSION.</summary>
    public static PolicyPrincipal AssumedRole(string accountId, string roleName, string roleId, string sessionName, string rolePath = "/") =>
        new(
            PolicyPrincipalKind.AssumedRole,
            accountId,
            $"arn:{Partition}:sts::{accountId}:assumed-role/{roleName}/{sessionName}",
            UserName: null,
            UserId: $"{roleId}:{sessionName}",
            RoleArn: $"arn:{Partition}:iam::{accountId}:role{rolePath}{roleName}",
            SessionName: sessionName);

    public static string RootArn(string accountId) => $"arn:{Partition}:iam::{accountId}:root";

    /// <summary>aws:PrincipalType as AWS reports it (Account, User, AssumedRole, Anonymous).</summary>
    public string PrincipalType => Kind switch
    {
        PolicyPrincipalKind.Anonymous => "Anonymous",
        PolicyPrincipalKind.AccountRoot => "Account",
        PolicyPrincipalKind.Operator => "Account",
        PolicyPrincipalKind.User => "User",
        PolicyPrincipalKind.AssumedRole => "AssumedRole",
        _ => throw new InvalidOperationException($"Unknown principal kind {Kind}"),
    };
}

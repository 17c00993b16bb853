namespace Nuage.Iam.Identities;

/// <summary>An access key of an account's root user (<see cref="UserName"/> null) or of an IAM user, with its secret.</summary>
public sealed record AccessKey(string AccessKeyId, string AccountId, string? UserName, bool Active, DateTimeOffset CreatedAt, string Secret)
{
    public const int MaxPerUser = 2;

    public string Status => Active ? "Active" : "Inactive";
}

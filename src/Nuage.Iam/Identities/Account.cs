namespace Nuage.Iam.Identities;

/// <summary>An account (a customer of the installation): it owns buckets and IAM identities.</summary>
public sealed record Account(string Id, string Name, DateTimeOffset CreatedAt, AccountSettings Settings)
{
    public string RootArn => "arn:aws:iam::" + Id + ":root";
}

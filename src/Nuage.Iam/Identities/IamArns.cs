namespace Nuage.Iam.Identities;

/// <summary>ARNs of IAM entities: arn:aws:iam::ACCOUNT:KIND/PATH-WITHOUT-LEADING-SLASH + NAME ("IAM identifiers").</summary>
public static class IamArns
{
    public static string Of(string accountId, string kind, string path, string name) =>
        "arn:aws:iam::" + accountId + ":" + kind + path + name;

    public static string Root(string accountId) => "arn:aws:iam::" + accountId + ":root";
}

using Nuage.Iam.Policies;

namespace Nuage.Iam.Tests.Policies;

/// <summary>Principals, requests and policy text shared by the policy tests.</summary>
internal static class PolicyTestData
{
    public const string Account = "111122223333";
    public const string OtherAccount = "444455556666";
    public const string BucketArn = "arn:aws:s3:::photos";
    public const string ObjectArn = "arn:aws:s3:::photos/home/alice/cat.jpg";

    public static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static PolicyPrincipal Alice { get; } = PolicyPrincipal.User(Account, "alice", "AIDAALICE");

    public static PolicyPrincipal Bob { get; } = PolicyPrincipal.User(Account, "bob", "AIDABOB");

    public static PolicyPrincipal Carol { get; } = PolicyPrincipal.User(OtherAccount, "carol", "AIDACAROL");

    public static PolicyPrincipal Root { get; } = PolicyPrincipal.Root(Account);

    public static PolicyPrincipal OtherRoot { get; } = PolicyPrincipal.Root(OtherAccount);

    /// <summary>Session "s1" of role "reader" in <see cref="Account"/>.</summary>
    public static PolicyPrincipal Session { get; } = PolicyPrincipal.AssumedRole(Account, "reader", "AROAREADER", "s1");

    public static PolicyPrincipal Anonymous => PolicyPrincipal.Anonymous;

    public static PolicyRequest Request(
        PolicyPrincipal? principal = null, string action = "s3:GetObject", string resource = ObjectArn, params (string Key, string[] Values)[] context) =>
        new(action, resource, principal ?? Alice, context.Select(c => new KeyValuePair<string, IReadOnlyList<string>>(c.Key, c.Values)), Now);

    /// <summary>A 2012-10-17 policy with the given statements (JSON objects, comma-separated).</summary>
    public static string Policy(string statements, string version = "2012-10-17") =>
        $$"""{"Version":"{{version}}","Statement":[{{statements}}]}""";

    public static PolicyDocument Identity(string statements, string version = "2012-10-17") =>
        PolicyDocument.Parse(Policy(statements, version), PolicyKind.Identity);

    public static PolicyDocument BucketPolicy(string statements) =>
        PolicyDocument.Parse(Policy(statements), PolicyKind.Resource);

    public static PolicyDocument SessionPolicy(string statements) =>
        PolicyDocument.Parse(Policy(statements), PolicyKind.Session);

    public static string Allow(string action = "s3:*", string resource = "*", string extra = "") =>
        $$"""{"Effect":"Allow","Action":"{{action}}","Resource":"{{resource}}"{{extra}}}""";

    public static string Deny(string action = "s3:*", string resource = "*", string extra = "") =>
        $$"""{"Effect":"Deny","Action":"{{action}}","Resource":"{{resource}}"{{extra}}}""";

    /// <summary>A bucket-policy statement granting <paramref name="principal"/> (raw JSON of the Principal value).</summary>
    public static string Grant(string principal, string effect = "Allow", string action = "s3:GetObject", string resource = "arn:aws:s3:::photos/*") =>
        $$"""{"Effect":"{{effect}}","Principal":{{principal}},"Action":"{{action}}","Resource":"{{resource}}"}""";
}

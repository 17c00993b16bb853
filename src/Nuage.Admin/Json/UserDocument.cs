using Nuage.Iam.Identities;

namespace Nuage.Admin.Json;

public sealed record UserDocument(
    string Name, string Id, string Arn, string Path, DateTimeOffset CreatedAt,
    IReadOnlyList<string> Groups, IReadOnlyList<string> InlinePolicies, IReadOnlyList<string> AttachedPolicies)
{
    public static UserDocument From(IamUser user) =>
        new(user.Name, user.Id, user.Arn, user.Path, user.CreatedAt, user.Groups, [.. user.InlinePolicies.Keys], user.AttachedPolicies);
}

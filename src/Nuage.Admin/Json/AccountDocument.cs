using Nuage.Iam.Identities;

namespace Nuage.Admin.Json;

public sealed record AccountDocument(string Id, string Name, string? Email, long? QuotaBytes, DateTimeOffset CreatedAt, string RootArn)
{
    public static AccountDocument From(Account account) =>
        new(account.Id, account.Name, account.Settings.Email, account.Settings.QuotaBytes, account.CreatedAt, account.RootArn);
}

using Nuage.Iam;
using Nuage.Iam.Identities;

namespace Nuage.Admin.Routing;

/// <summary>
/// A matched route's values and the account its {account} segment names (by id or name), resolved against one
/// directory snapshot; <see cref="Account"/> is null when the route names none or the account does not exist.
/// </summary>
public sealed class AdminScope(IReadOnlyDictionary<string, string> values, IdentityDirectory directory)
{
    public IReadOnlyDictionary<string, string> Values { get; } = values;

    public IdentityDirectory Directory { get; } = directory;

    /// <summary>The {account} segment as given.</summary>
    public string? AccountKey { get; } = values.GetValueOrDefault("account");

    public Account? Account { get; } = values.GetValueOrDefault("account") is { } key
        ? directory.Accounts.GetValueOrDefault(key) ?? directory.FindAccountByName(key)
        : null;

    /// <summary>The account's id, or the segment itself when no such account exists (the request fails with 404 once authorized).</summary>
    public string AccountId => Account?.Id ?? AccountKey ?? RootCredentials.RootAccountId;

    public string this[string name] => Values[name];
}

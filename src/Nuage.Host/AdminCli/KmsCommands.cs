namespace Nuage.Host.AdminCli;

using System.CommandLine;

/// <summary>`nuage admin kms create|list|get|disable|enable|rotate --account A`: an account's SSE-KMS keys.</summary>
public static class KmsCommands
{
    private static readonly AdminTable Keys = new(
        "keys",
        [("KEY ID", "keyId"), ("ALIAS", "alias"), ("ENABLED", "enabled"), ("VERSIONS", "materialVersions"), ("ARN", "arn"), ("CREATED", "createdAt")]);

    public static Command Create()
    {
        var command = new Command("kms", "SSE-KMS keys of an account (create, list, disable, enable, rotate)");

        var account = AdminVerb.Account();
        var alias = AdminVerb.Text("--alias", "An alias for the key: alias/NAME");
        var description = AdminVerb.Text("--description", "What the key protects");
        command.Subcommands.Add(AdminVerb.Create("create", "Create a key (its material is random and never leaves the server)", [account, alias, description], Keys with { Items = null },
            (r, client, ct) => client.SendAsync(HttpMethod.Post, ["accounts", r.GetValue(account)!, "kms-keys"], new { alias = r.GetValue(alias), description = r.GetValue(description) }, cancellationToken: ct)));

        var listAccount = AdminVerb.Account();
        command.Subcommands.Add(AdminVerb.Create("list", "List the account's keys", [listAccount], Keys,
            (r, client, ct) => client.SendAsync(HttpMethod.Get, ["accounts", r.GetValue(listAccount)!, "kms-keys"], cancellationToken: ct)));

        foreach (var (verb, text, action) in new[]
        {
            ("get", "Show a key", (string?)null),
            ("disable", "Disable a key: nothing is encrypted or decrypted under it until it is enabled", "disable"),
            ("enable", "Enable a disabled key", "enable"),
            ("rotate", "Give a key new material for new writes; objects under the old material stay readable", "rotate"),
        })
        {
            var key = new Argument<string>("key") { Description = "Key id, key ARN or alias/NAME" };
            var keyAccount = AdminVerb.Account();
            command.Subcommands.Add(AdminVerb.Create(verb, text, [key, keyAccount], Keys with { Items = null },
                (r, client, ct) => action is null
                    ? client.SendAsync(HttpMethod.Get, ["accounts", r.GetValue(keyAccount)!, "kms-keys", r.GetValue(key)!], cancellationToken: ct)
                    : client.SendAsync(HttpMethod.Post, ["accounts", r.GetValue(keyAccount)!, "kms-keys", r.GetValue(key)!, action], cancellationToken: ct)));
        }

        return command;
    }
}

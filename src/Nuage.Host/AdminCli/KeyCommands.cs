using System.CommandLine;

namespace Nuage.Host.AdminCli;

/// <summary>`nuage admin key create|list|activate|deactivate|delete --account A [--user U]`: without --user, the account root's keys.</summary>
public static class KeyCommands
{
    private static readonly AdminTable Keys = new("accessKeys", [("ACCESS_KEY", "accessKeyId"), ("USER", "userName"), ("STATUS", "status"), ("CREATED", "createdAt")]);

    public static Command Create()
    {
        var command = new Command("key", "Access keys of an IAM user (--user) or of the account's root user");
        command.Subcommands.Add(Verb("create", "Create a key; prints its secret (shown once)", null,
            Keys with
            {
                Items = null,
                After = (answer, output) => output.WriteLine($"Secret key (shown once): {answer.GetProperty("secretAccessKey").GetString()}"),
            },
            HttpMethod.Post, null));
        command.Subcommands.Add(Verb("list", "List keys", null, Keys, HttpMethod.Get, null));
        command.Subcommands.Add(Verb("activate", "Let a key sign requests again", "Access key id", Keys with { Items = null }, HttpMethod.Patch, "Active"));
        command.Subcommands.Add(Verb("deactivate", "Stop a key from signing requests (it can be activated again)", "Access key id", Keys with { Items = null }, HttpMethod.Patch, "Inactive"));
        command.Subcommands.Add(Verb("delete", "Delete a key for good", "Access key id", AdminTable.Message("Access key deleted."), HttpMethod.Delete, null));
        return command;
    }

    private static Command Verb(string name, string description, string? keyArgument, AdminTable table, HttpMethod method, string? status)
    {
        var account = AdminVerb.Account();
        var user = AdminVerb.Text("--user", "IAM user name; without it, the account root's keys");
        var key = keyArgument is null ? null : new Argument<string>("access-key-id") { Description = keyArgument };
        Symbol[] symbols = key is null ? [account, user] : [key, account, user];
        return AdminVerb.Create(name, description, symbols, table, (r, client, ct) =>
        {
            List<string> path = r.GetValue(user) is { } u ? ["accounts", r.GetValue(account)!, "users", u, "keys"] : ["accounts", r.GetValue(account)!, "root-keys"];
            if (key is not null)
            {
                path.Add(r.GetValue(key)!);
            }

            return client.SendAsync(method, [.. path], status is null ? null : new { status }, cancellationToken: ct);
        });
    }
}

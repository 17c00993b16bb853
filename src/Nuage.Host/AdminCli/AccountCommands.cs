using System.CommandLine;
using System.Globalization;

namespace Nuage.Host.AdminCli;

/// <summary>`nuage admin account create|list|get|usage|update|delete` and the root user's keys live under `key`.</summary>
public static class AccountCommands
{
    private static readonly AdminTable Accounts = new("accounts", [("NAME", "name"), ("ID", "id"), ("EMAIL", "email"), ("QUOTA_BYTES", "quotaBytes"), ("CREATED", "createdAt")]);
    private static readonly AdminTable One = Accounts with { Items = null };
    private static readonly AdminTable Usage = new("buckets", [("BUCKET", "name"), ("OBJECTS", "objects"), ("BYTES", "bytes"), ("STORED_BYTES", "storedBytes")])
    {
        After = (answer, output) =>
        {
            var quota = answer.GetProperty("quotaBytes");
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Stored: {answer.GetProperty("storedBytes").GetInt64()} bytes; quota: {(quota.ValueKind == System.Text.Json.JsonValueKind.Number ? quota.GetInt64().ToString(CultureInfo.InvariantCulture) + " bytes" : "none")}"));
        },
    };

    public static Command Create()
    {
        var command = new Command("account", "Accounts (customers): each owns buckets and IAM identities");

        var name = AdminVerb.Name("Account name: 3 to 63 letters, digits, '.', '_' or '-'");
        var email = AdminVerb.Text("--email", "Contact address");
        var quota = AdminVerb.Text("--quota", "Storage quota in bytes ('none' for no limit)");
        command.Subcommands.Add(AdminVerb.Create(
            "create", "Create an account; prints its root user's access key and secret (shown once)", [name, email, quota],
            One with
            {
                Items = "account",
                After = (answer, output) =>
                {
                    var key = answer.GetProperty("rootAccessKey");
                    output.WriteLine();
                    output.WriteLine("Root access key (the secret is shown once):");
                    output.WriteLine($"  Access key: {key.GetProperty("accessKeyId").GetString()}");
                    output.WriteLine($"  Secret key: {key.GetProperty("secretAccessKey").GetString()}");
                },
            },
            (r, client, ct) => client.SendAsync(HttpMethod.Post, ["accounts"],
                new { name = r.GetValue(name), email = r.GetValue(email), quotaBytes = Quota(r.GetValue(quota)) }, cancellationToken: ct)));

        command.Subcommands.Add(AdminVerb.Create("list", "List accounts", [], Accounts,
            (_, client, ct) => client.SendAsync(HttpMethod.Get, ["accounts"], cancellationToken: ct)));

        var getName = AdminVerb.Name("Account name or id");
        command.Subcommands.Add(AdminVerb.Create("get", "Show an account", [getName], One,
            (r, client, ct) => client.SendAsync(HttpMethod.Get, ["accounts", r.GetValue(getName)!], cancellationToken: ct)));

        var usageName = AdminVerb.Name("Account name or id");
        command.Subcommands.Add(AdminVerb.Create("usage", "Show what an account stores, per bucket, beside its quota", [usageName], Usage,
            (r, client, ct) => client.SendAsync(HttpMethod.Get, ["accounts", r.GetValue(usageName)!, "usage"], cancellationToken: ct)));

        var updateName = AdminVerb.Name("Account name or id");
        var updateEmail = AdminVerb.Text("--email", "New contact address ('none' to clear)");
        var updateQuota = AdminVerb.Text("--quota", "New quota in bytes ('none' for no limit)");
        command.Subcommands.Add(AdminVerb.Create("update", "Change an account's e-mail or quota", [updateName, updateEmail, updateQuota], One,
            (r, client, ct) =>
            {
                var changes = new Dictionary<string, object?>();
                if (r.GetValue(updateEmail) is { } e)
                {
                    changes["email"] = e == "none" ? null : e;
                }

                if (r.GetValue(updateQuota) is { } q)
                {
                    changes["quotaBytes"] = Quota(q);
                }

                return changes.Count == 0
                    ? throw new AdminCliException("Nothing to change: give --email and/or --quota.")
                    : client.SendAsync(HttpMethod.Patch, ["accounts", r.GetValue(updateName)!], changes, cancellationToken: ct);
            }));

        var deleteName = AdminVerb.Name("Account name or id");
        command.Subcommands.Add(AdminVerb.Create("delete", "Delete an account (refused while it owns buckets)", [deleteName],
            AdminTable.Message("Account deleted."),
            (r, client, ct) => client.SendAsync(HttpMethod.Delete, ["accounts", r.GetValue(deleteName)!], cancellationToken: ct)));
        return command;
    }

    private static long? Quota(string? text) =>
        text is null or "none" ? null
        : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) ? bytes
        : throw new AdminCliException($"--quota must be a whole number of bytes or 'none', not '{text}'.");
}

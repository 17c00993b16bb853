using System.CommandLine;

namespace Nuage.Host.AdminCli;

/// <summary>
/// `nuage admin policy ...`: managed policies of an account (create, list, get, delete without a holder) and the
/// policies of one user, group or role (--user/--group/--role): put/get/delete inline ones, attach/detach managed ones,
/// list both.
/// </summary>
public static class PolicyCommands
{
    private static readonly AdminTable Managed = new("policies", [("NAME", "name"), ("ARN", "arn"), ("VERSION", "defaultVersionId"), ("ATTACHMENTS", "attachmentCount"), ("UPDATED", "updatedAt")]);

    public static Command Create()
    {
        var command = new Command("policy", "Managed policies, and the inline and attached policies of users, groups and roles");

        var name = AdminVerb.Name("Policy name");
        var account = AdminVerb.Account();
        var file = new Option<string>("--file", "-f") { Description = "Policy document: a file, or - for stdin", Required = true };
        var description = AdminVerb.Text("--description", "What the policy is for");
        var path = AdminVerb.Text("--path", "IAM path [default: /]");
        command.Subcommands.Add(AdminVerb.Create("create", "Create a managed policy", [name, account, file, description, path], Managed with { Items = null },
            (r, client, ct) => client.SendAsync(HttpMethod.Post, ["accounts", r.GetValue(account)!, "policies"],
                new { name = r.GetValue(name), document = AdminVerb.ReadDocument(r.GetValue(file)!), description = r.GetValue(description), path = r.GetValue(path) },
                cancellationToken: ct)));

        var putName = AdminVerb.Name("Inline policy name");
        var putAccount = AdminVerb.Account();
        var putFile = new Option<string>("--file", "-f") { Description = "Policy document: a file, or - for stdin", Required = true };
        var putHolder = new Holder();
        command.Subcommands.Add(AdminVerb.Create("put", "Create or replace an inline policy of a user, group or role", [putName, putAccount, putFile, .. putHolder.Options],
            AdminTable.Message("Inline policy stored."),
            (r, client, ct) => client.SendAsync(HttpMethod.Put, [.. putHolder.Path(r, putAccount, required: true), "policies", r.GetValue(putName)!],
                rawBody: AdminVerb.ReadDocument(r.GetValue(putFile)!), cancellationToken: ct)));

        var listAccount = AdminVerb.Account();
        var listHolder = new Holder();
        command.Subcommands.Add(AdminVerb.Create("list", "List managed policies, or with --user/--group/--role that identity's inline and attached ones",
            [listAccount, .. listHolder.Options],
            new AdminTable("policies", [("NAME", "name"), ("ARN", "arn"), ("KIND", "kind"), ("VERSION", "defaultVersionId"), ("ATTACHMENTS", "attachmentCount")]),
            async (r, client, ct) =>
            {
                if (listHolder.Path(r, listAccount, required: false) is not { Length: > 0 } holder)
                {
                    return await client.SendAsync(HttpMethod.Get, ["accounts", r.GetValue(listAccount)!, "policies"], cancellationToken: ct).ConfigureAwait(false);
                }

                var inline = await client.SendAsync(HttpMethod.Get, [.. holder, "policies"], cancellationToken: ct).ConfigureAwait(false);
                var attached = await client.SendAsync(HttpMethod.Get, [.. holder, "attached-policies"], cancellationToken: ct).ConfigureAwait(false);
                var policies = inline!.Value.GetProperty("policyNames").EnumerateArray().Select(n => new { name = n.GetString(), arn = (string?)null, kind = "inline" })
                    .Concat(attached!.Value.GetProperty("attachedPolicies").EnumerateArray().Select(p => new { name = p.GetProperty("name").GetString(), arn = p.GetProperty("arn").GetString(), kind = "attached" }));
                return System.Text.Json.JsonSerializer.SerializeToElement(new { policies });
            }));

        foreach (var (verb, text, method, done) in new[]
        {
            ("get", "Show a managed policy, or with --user/--group/--role an inline one", HttpMethod.Get, (string?)null),
            ("delete", "Delete a managed policy, or with --user/--group/--role an inline one", HttpMethod.Delete, "Policy deleted."),
        })
        {
            var policyName = AdminVerb.Name("Policy name");
            var policyAccount = AdminVerb.Account();
            var holder = new Holder();
            command.Subcommands.Add(AdminVerb.Create(verb, text, [policyName, policyAccount, .. holder.Options],
                done is null ? new AdminTable(null, [("NAME", "name"), ("ARN", "arn"), ("VERSION", "defaultVersionId"), ("DOCUMENT", "document")]) : AdminTable.Message(done),
                (r, client, ct) => client.SendAsync(method, holder.Path(r, policyAccount, required: false) is { Length: > 0 } h
                    ? [.. h, "policies", r.GetValue(policyName)!]
                    : ["accounts", r.GetValue(policyAccount)!, "policies", r.GetValue(policyName)!], cancellationToken: ct)));
        }

        foreach (var (verb, text, method, done) in new[]
        {
            ("attach", "Attach a managed policy to a user, group or role", HttpMethod.Put, "Policy attached."),
            ("detach", "Detach a managed policy from a user, group or role", HttpMethod.Delete, "Policy detached."),
        })
        {
            var policyName = AdminVerb.Name("Managed policy name");
            var policyAccount = AdminVerb.Account();
            var holder = new Holder();
            command.Subcommands.Add(AdminVerb.Create(verb, text, [policyName, policyAccount, .. holder.Options], AdminTable.Message(done),
                (r, client, ct) => client.SendAsync(method, [.. holder.Path(r, policyAccount, required: true), "attached-policies", r.GetValue(policyName)!], cancellationToken: ct)));
        }

        return command;
    }

    /// <summary>--user, --group or --role: the identity whose policies a verb reads or changes.</summary>
    private sealed class Holder
    {
        private readonly Option<string?> _user = AdminVerb.Text("--user", "The IAM user");
        private readonly Option<string?> _group = AdminVerb.Text("--group", "The IAM group");
        private readonly Option<string?> _role = AdminVerb.Text("--role", "The IAM role");

        public Option[] Options => [_user, _group, _role];

        /// <summary>accounts/A/users/U (or groups/G, roles/R); empty when none is given and none is required.</summary>
        public string[] Path(ParseResult result, Option<string> account, bool required)
        {
            var given = new[] { ("users", result.GetValue(_user)), ("groups", result.GetValue(_group)), ("roles", result.GetValue(_role)) }
                .Where(h => h.Item2 is not null).ToList();
            return given.Count switch
            {
                0 when !required => [],
                1 => ["accounts", result.GetValue(account)!, given[0].Item1, given[0].Item2!],
                _ => throw new AdminCliException("Give exactly one of --user, --group and --role."),
            };
        }
    }
}

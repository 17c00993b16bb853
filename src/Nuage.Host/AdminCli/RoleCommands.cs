using System.CommandLine;

namespace Nuage.Host.AdminCli;

/// <summary>`nuage admin role create|list|get|delete|update-trust --account A`.</summary>
public static class RoleCommands
{
    private static readonly AdminTable Roles = new("roles", [("NAME", "name"), ("ARN", "arn"), ("MAX_SESSION", "maxSessionDuration"), ("DESCRIPTION", "description"), ("CREATED", "createdAt")]);

    public static Command Create()
    {
        var command = new Command("role", "IAM roles of an account");

        var name = AdminVerb.Name("Role name");
        var account = AdminVerb.Account();
        var trust = new Option<string>("--trust-policy", "-f") { Description = "Trust policy: a file, or - for stdin", Required = true };
        var description = AdminVerb.Text("--description", "What the role is for");
        var duration = new Option<int?>("--max-session-duration") { Description = "Longest session in seconds, 3600 to 43200 [default: 3600]" };
        command.Subcommands.Add(AdminVerb.Create("create", "Create a role", [name, account, trust, description, duration], Roles with { Items = null },
            (r, client, ct) => client.SendAsync(HttpMethod.Post, ["accounts", r.GetValue(account)!, "roles"],
                new
                {
                    name = r.GetValue(name),
                    trustPolicy = AdminVerb.ReadDocument(r.GetValue(trust)!),
                    description = r.GetValue(description),
                    maxSessionDuration = r.GetValue(duration),
                },
                cancellationToken: ct)));

        var listAccount = AdminVerb.Account();
        command.Subcommands.Add(AdminVerb.Create("list", "List roles", [listAccount], Roles,
            (r, client, ct) => client.SendAsync(HttpMethod.Get, ["accounts", r.GetValue(listAccount)!, "roles"], cancellationToken: ct)));

        foreach (var (verb, text, method, done) in new[]
        {
            ("get", "Show a role", HttpMethod.Get, (string?)null),
            ("delete", "Delete a role (it must have no policies)", HttpMethod.Delete, "Role deleted."),
        })
        {
            var roleName = AdminVerb.Name("Role name");
            var roleAccount = AdminVerb.Account();
            command.Subcommands.Add(AdminVerb.Create(verb, text, [roleName, roleAccount],
                done is null ? Roles with { Items = null, Columns = [.. Roles.Columns, ("TRUST_POLICY", "trustPolicy")] } : AdminTable.Message(done),
                (r, client, ct) => client.SendAsync(method, ["accounts", r.GetValue(roleAccount)!, "roles", r.GetValue(roleName)!], cancellationToken: ct)));
        }

        var updateName = AdminVerb.Name("Role name");
        var updateAccount = AdminVerb.Account();
        var updateTrust = new Option<string>("--trust-policy", "-f") { Description = "Trust policy: a file, or - for stdin", Required = true };
        command.Subcommands.Add(AdminVerb.Create("update-trust", "Replace a role's trust policy", [updateName, updateAccount, updateTrust], Roles with { Items = null },
            (r, client, ct) => client.SendAsync(HttpMethod.Put, ["accounts", r.GetValue(updateAccount)!, "roles", r.GetValue(updateName)!, "trust-policy"],
                rawBody: AdminVerb.ReadDocument(r.GetValue(updateTrust)!), cancellationToken: ct)));
        return command;
    }
}

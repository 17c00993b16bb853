using System.CommandLine;

namespace Nuage.Host.AdminCli;

/// <summary>`nuage admin user create|list|get|delete --account A`.</summary>
public static class UserCommands
{
    private static readonly AdminTable Users = new("users", [("NAME", "name"), ("ARN", "arn"), ("GROUPS", "groups"), ("INLINE", "inlinePolicies"), ("ATTACHED", "attachedPolicies"), ("CREATED", "createdAt")]);

    public static Command Create()
    {
        var command = new Command("user", "IAM users of an account");

        var name = AdminVerb.Name("User name");
        var account = AdminVerb.Account();
        var path = AdminVerb.Text("--path", "IAM path, e.g. /engineering/ [default: /]");
        command.Subcommands.Add(AdminVerb.Create("create", "Create a user (then `key create --user` for its keys)", [name, account, path], Users with { Items = null },
            (r, client, ct) => client.SendAsync(HttpMethod.Post, ["accounts", r.GetValue(account)!, "users"], new { name = r.GetValue(name), path = r.GetValue(path) }, cancellationToken: ct)));

        var listAccount = AdminVerb.Account();
        command.Subcommands.Add(AdminVerb.Create("list", "List users", [listAccount], Users,
            (r, client, ct) => client.SendAsync(HttpMethod.Get, ["accounts", r.GetValue(listAccount)!, "users"], cancellationToken: ct)));

        var getName = AdminVerb.Name("User name");
        var getAccount = AdminVerb.Account();
        command.Subcommands.Add(AdminVerb.Create("get", "Show a user", [getName, getAccount], Users with { Items = null },
            (r, client, ct) => client.SendAsync(HttpMethod.Get, ["accounts", r.GetValue(getAccount)!, "users", r.GetValue(getName)!], cancellationToken: ct)));

        var deleteName = AdminVerb.Name("User name");
        var deleteAccount = AdminVerb.Account();
        var force = new Option<bool>("--force") { Description = "Also delete its keys, inline policies, attachments and memberships" };
        command.Subcommands.Add(AdminVerb.Create("delete", "Delete a user", [deleteName, deleteAccount, force], AdminTable.Message("User deleted."),
            (r, client, ct) => client.SendAsync(HttpMethod.Delete, ["accounts", r.GetValue(deleteAccount)!, "users", r.GetValue(deleteName)!],
                query: r.GetValue(force) ? "force=true" : null, cancellationToken: ct)));
        return command;
    }
}

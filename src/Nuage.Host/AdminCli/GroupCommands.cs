using System.CommandLine;

namespace Nuage.Host.AdminCli;

/// <summary>`nuage admin group create|list|get|delete|add-user|remove-user --account A`.</summary>
public static class GroupCommands
{
    private static readonly AdminTable Groups = new("groups", [("NAME", "name"), ("ARN", "arn"), ("MEMBERS", "members"), ("INLINE", "inlinePolicies"), ("ATTACHED", "attachedPolicies"), ("CREATED", "createdAt")]);

    public static Command Create()
    {
        var command = new Command("group", "IAM groups of an account and their members");

        var name = AdminVerb.Name("Group name");
        var account = AdminVerb.Account();
        var path = AdminVerb.Text("--path", "IAM path [default: /]");
        command.Subcommands.Add(AdminVerb.Create("create", "Create a group", [name, account, path], Groups with { Items = null },
            (r, client, ct) => client.SendAsync(HttpMethod.Post, ["accounts", r.GetValue(account)!, "groups"], new { name = r.GetValue(name), path = r.GetValue(path) }, cancellationToken: ct)));

        var listAccount = AdminVerb.Account();
        command.Subcommands.Add(AdminVerb.Create("list", "List groups", [listAccount], Groups,
            (r, client, ct) => client.SendAsync(HttpMethod.Get, ["accounts", r.GetValue(listAccount)!, "groups"], cancellationToken: ct)));

        foreach (var (verb, description, method, done) in new[]
        {
            ("get", "Show a group and its members", HttpMethod.Get, (string?)null),
            ("delete", "Delete a group (it must have no members or policies)", HttpMethod.Delete, "Group deleted."),
        })
        {
            var groupName = AdminVerb.Name("Group name");
            var groupAccount = AdminVerb.Account();
            command.Subcommands.Add(AdminVerb.Create(verb, description, [groupName, groupAccount], done is null ? Groups with { Items = null } : AdminTable.Message(done),
                (r, client, ct) => client.SendAsync(method, ["accounts", r.GetValue(groupAccount)!, "groups", r.GetValue(groupName)!], cancellationToken: ct)));
        }

        foreach (var (verb, description, method, done) in new[]
        {
            ("add-user", "Add a user to a group", HttpMethod.Put, "User added to the group."),
            ("remove-user", "Remove a user from a group", HttpMethod.Delete, "User removed from the group."),
        })
        {
            var group = new Argument<string>("group") { Description = "Group name" };
            var user = new Argument<string>("user") { Description = "User name" };
            var memberAccount = AdminVerb.Account();
            command.Subcommands.Add(AdminVerb.Create(verb, description, [group, user, memberAccount], AdminTable.Message(done),
                (r, client, ct) => client.SendAsync(method, ["accounts", r.GetValue(memberAccount)!, "groups", r.GetValue(group)!, "members", r.GetValue(user)!], cancellationToken: ct)));
        }

        return command;
    }
}

using System.CommandLine;

namespace Nuage.Host.AdminCli;

/// <summary>`nuage admin iot groups create|list|get|delete|add-thing|remove-thing`.</summary>
public static class IotGroupCommands
{
    private static readonly AdminTable Groups = new(
        "thingGroups", [("NAME", "thingGroupName"), ("THINGS", "things"), ("DESCRIPTION", "description"), ("ARN", "thingGroupArn"), ("CREATED", "createdAt")]);

    public static Command Create()
    {
        var command = new Command("groups", "Thing groups of an account and their things");

        var name = AdminVerb.Name("Thing group name: letters, digits, ':', '_' and '-', up to 128");
        var account = AdminVerb.Account();
        var description = AdminVerb.Text("--description", "What the group is for");
        command.Subcommands.Add(AdminVerb.Create("create", "Create a thing group", [name, account, description], Groups with { Items = null },
            (r, client, ct) => client.SendAsync(HttpMethod.Post, IotCommands.Path(r.GetValue(account)!, "thing-groups"),
                new { thingGroupName = r.GetValue(name), description = r.GetValue(description) }, cancellationToken: ct)));

        var listAccount = AdminVerb.Account();
        command.Subcommands.Add(AdminVerb.Create("list", "List the account's thing groups", [listAccount], Groups,
            (r, client, ct) => client.SendAsync(HttpMethod.Get, IotCommands.Path(r.GetValue(listAccount)!, "thing-groups"), cancellationToken: ct)));

        foreach (var (verb, text, method, done) in new[]
        {
            ("get", "Show a thing group and its things", HttpMethod.Get, (string?)null),
            ("delete", "Delete a thing group (its things stay)", HttpMethod.Delete, "Thing group deleted."),
        })
        {
            var group = AdminVerb.Name("Thing group name");
            var groupAccount = AdminVerb.Account();
            command.Subcommands.Add(AdminVerb.Create(verb, text, [group, groupAccount], done is null ? Groups with { Items = null } : AdminTable.Message(done),
                (r, client, ct) => client.SendAsync(method, IotCommands.Path(r.GetValue(groupAccount)!, "thing-groups", r.GetValue(group)!), cancellationToken: ct)));
        }

        foreach (var (verb, text, method) in new[]
        {
            ("add-thing", "Add a thing to a thing group (a thing is in 10 groups at most)", HttpMethod.Put),
            ("remove-thing", "Remove a thing from a thing group", HttpMethod.Delete),
        })
        {
            var group = new Argument<string>("group") { Description = "Thing group name" };
            var thing = new Argument<string>("thing") { Description = "Thing name" };
            var memberAccount = AdminVerb.Account();
            command.Subcommands.Add(AdminVerb.Create(verb, text, [group, thing, memberAccount], Groups with { Items = null },
                (r, client, ct) => client.SendAsync(method, IotCommands.Path(r.GetValue(memberAccount)!, "thing-groups", r.GetValue(group)!, "things", r.GetValue(thing)!), cancellationToken: ct)));
        }

        return command;
    }
}

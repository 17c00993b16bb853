using System.CommandLine;

namespace Nuage.Host.AdminCli;

/// <summary>`nuage admin iot policies create|list|get|delete|attach|detach`.</summary>
public static class IotPolicyCommands
{
    private static readonly AdminTable Policies = new(
        "policies", [("NAME", "policyName"), ("THINGS", "things"), ("GROUPS", "thingGroups"), ("ARN", "policyArn"), ("CREATED", "createdAt")]);

    public static Command Create()
    {
        var command = new Command("policies", "IoT policies of an account and what they are attached to");

        var name = AdminVerb.Name("Policy name");
        var account = AdminVerb.Account();
        var document = new Option<string>("--document") { Description = "The policy document's file (\"-\": stdin); iot: actions only", Required = true };
        command.Subcommands.Add(AdminVerb.Create("create", "Create an IoT policy", [name, account, document], Policies with { Items = null },
            (r, client, ct) => client.SendAsync(HttpMethod.Post, IotCommands.Path(r.GetValue(account)!, "policies"),
                new { policyName = r.GetValue(name), policyDocument = AdminVerb.ReadDocument(r.GetValue(document)!) }, cancellationToken: ct)));

        var listAccount = AdminVerb.Account();
        command.Subcommands.Add(AdminVerb.Create("list", "List the account's IoT policies", [listAccount], Policies,
            (r, client, ct) => client.SendAsync(HttpMethod.Get, IotCommands.Path(r.GetValue(listAccount)!, "policies"), cancellationToken: ct)));

        foreach (var (verb, text, method, done) in new[]
        {
            ("get", "Show an IoT policy (its document with --json)", HttpMethod.Get, (string?)null),
            ("delete", "Delete an IoT policy (detach it first)", HttpMethod.Delete, "IoT policy deleted."),
        })
        {
            var policy = AdminVerb.Name("Policy name");
            var policyAccount = AdminVerb.Account();
            command.Subcommands.Add(AdminVerb.Create(verb, text, [policy, policyAccount], done is null ? Policies with { Items = null } : AdminTable.Message(done),
                (r, client, ct) => client.SendAsync(method, IotCommands.Path(r.GetValue(policyAccount)!, "policies", r.GetValue(policy)!), cancellationToken: ct)));
        }

        foreach (var (verb, text, method) in new[]
        {
            ("attach", "Attach an IoT policy to a thing (--thing) or a thing group (--group)", HttpMethod.Put),
            ("detach", "Detach an IoT policy from a thing (--thing) or a thing group (--group)", HttpMethod.Delete),
        })
        {
            var policy = AdminVerb.Name("Policy name");
            var targetAccount = AdminVerb.Account();
            var thing = AdminVerb.Text("--thing", "Thing name");
            var group = AdminVerb.Text("--group", "Thing group name");
            command.Subcommands.Add(AdminVerb.Create(verb, text, [policy, targetAccount, thing, group], Policies with { Items = null },
                (r, client, ct) =>
                {
                    var (kind, target) = (r.GetValue(thing), r.GetValue(group)) switch
                    {
                        ({ } t, null) => ("things", t),
                        (null, { } g) => ("thing-groups", g),
                        _ => throw new AdminCliException(2, "give exactly one of --thing and --group"),
                    };
                    return client.SendAsync(method, IotCommands.Path(r.GetValue(targetAccount)!, "policies", r.GetValue(policy)!, kind, target), cancellationToken: ct);
                }));
        }

        return command;
    }
}

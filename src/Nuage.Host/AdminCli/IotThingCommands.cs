using System.CommandLine;

namespace Nuage.Host.AdminCli;

/// <summary>`nuage admin iot things create|list|get|update|delete`.</summary>
public static class IotThingCommands
{
    private static readonly AdminTable Things = new(
        "things", [("NAME", "thingName"), ("TYPE", "thingTypeName"), ("VERSION", "version"), ("GROUPS", "thingGroups"), ("ARN", "thingArn"), ("CREATED", "createdAt")]);

    public static Command Create()
    {
        var command = new Command("things", "Things (devices) of an account");

        var name = AdminVerb.Name("Thing name: letters, digits, ':', '_' and '-', up to 128");
        var account = AdminVerb.Account();
        var type = AdminVerb.Text("--type", "Thing type name (a thing with a type may have up to 50 attributes, without one 3)");
        var attributes = Attributes();
        command.Subcommands.Add(AdminVerb.Create("create", "Register a thing", [name, account, type, attributes], Things with { Items = null },
            (r, client, ct) => client.SendAsync(
                HttpMethod.Post, IotCommands.Path(r.GetValue(account)!, "things"),
                new { thingName = r.GetValue(name), thingTypeName = r.GetValue(type), attributes = ParseAttributes(r.GetValue(attributes)) }, cancellationToken: ct)));

        var listAccount = AdminVerb.Account();
        command.Subcommands.Add(AdminVerb.Create("list", "List the account's things", [listAccount], Things,
            (r, client, ct) => client.SendAsync(HttpMethod.Get, IotCommands.Path(r.GetValue(listAccount)!, "things"), cancellationToken: ct)));

        var updateName = AdminVerb.Name("Thing name");
        var updateAccount = AdminVerb.Account();
        var updateType = AdminVerb.Text("--type", "New thing type name");
        var removeType = new Option<bool>("--remove-type") { Description = "Remove the thing type" };
        var updateAttributes = Attributes();
        var merge = new Option<bool>("--merge") { Description = "Merge the attributes into the existing ones (an empty value removes one) instead of replacing them" };
        var expected = new Option<long?>("--expected-version") { Description = "Refuse the update unless the thing is at this version" };
        command.Subcommands.Add(AdminVerb.Create("update", "Change a thing's type or attributes", [updateName, updateAccount, updateType, removeType, updateAttributes, merge, expected], Things with { Items = null },
            (r, client, ct) => client.SendAsync(
                new HttpMethod("PATCH"), IotCommands.Path(r.GetValue(updateAccount)!, "things", r.GetValue(updateName)!),
                new
                {
                    thingTypeName = r.GetValue(updateType),
                    removeThingType = r.GetValue(removeType),
                    attributes = ParseAttributes(r.GetValue(updateAttributes)),
                    merge = r.GetValue(merge),
                    expectedVersion = r.GetValue(expected),
                },
                cancellationToken: ct)));

        foreach (var (verb, description, method, done) in new[]
        {
            ("get", "Show a thing", HttpMethod.Get, (string?)null),
            ("delete", "Delete a thing with its credentials: its device can do nothing more", HttpMethod.Delete, "Thing deleted."),
        })
        {
            var thing = AdminVerb.Name("Thing name");
            var thingAccount = AdminVerb.Account();
            command.Subcommands.Add(AdminVerb.Create(verb, description, [thing, thingAccount], done is null ? Things with { Items = null } : AdminTable.Message(done),
                (r, client, ct) => client.SendAsync(method, IotCommands.Path(r.GetValue(thingAccount)!, "things", r.GetValue(thing)!), cancellationToken: ct)));
        }

        return command;
    }

    private static Option<string[]> Attributes() => new("--attribute") { Description = "An attribute NAME=VALUE (repeat for more)" };

    /// <summary>NAME=VALUE pairs as an object; null when none was given, so an update leaves the attributes alone.</summary>
    private static Dictionary<string, string>? ParseAttributes(string[]? pairs)
    {
        if (pairs is null || pairs.Length == 0)
        {
            return null;
        }

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new AdminCliException(2, $"--attribute takes NAME=VALUE, not \"{pair}\"");
            }

            attributes[pair[..equals]] = pair[(equals + 1)..];
        }

        return attributes;
    }
}

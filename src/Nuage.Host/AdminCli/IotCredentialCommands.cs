using System.CommandLine;

namespace Nuage.Host.AdminCli;

/// <summary>`nuage admin iot credentials create|list THING`, `disable|enable|rotate|delete ID`.</summary>
public static class IotCredentialCommands
{
    private static readonly AdminTable Credentials = new(
        "credentials", [("CREDENTIAL ID", "credentialId"), ("THING", "thingName"), ("STATUS", "status"), ("CREATED", "createdAt")]);

    /// <summary>A new credential: its token printed once, as the account's first access key's secret is.</summary>
    private static readonly AdminTable Issued = new(null, [("CREDENTIAL ID", "credentialId"), ("THING", "thingName"), ("TOKEN", "token")])
    {
        After = (answer, output) => output.WriteLine("The token is shown only now: the device connects with user name = credential id, password = token."),
    };

    public static Command Create()
    {
        var command = new Command("credentials", "Device credentials (MQTT user name and token) of a thing");

        var thing = new Argument<string>("thing") { Description = "Thing name" };
        var account = AdminVerb.Account();
        command.Subcommands.Add(AdminVerb.Create("create", "Create a credential for a thing and show its token once", [thing, account], Issued,
            (r, client, ct) => client.SendAsync(HttpMethod.Post, IotCommands.Path(r.GetValue(account)!, "things", r.GetValue(thing)!, "credentials"), cancellationToken: ct)));

        var listThing = new Argument<string>("thing") { Description = "Thing name" };
        var listAccount = AdminVerb.Account();
        command.Subcommands.Add(AdminVerb.Create("list", "List a thing's credentials (never their tokens)", [listThing, listAccount], Credentials,
            (r, client, ct) => client.SendAsync(HttpMethod.Get, IotCommands.Path(r.GetValue(listAccount)!, "things", r.GetValue(listThing)!, "credentials"), cancellationToken: ct)));

        foreach (var (verb, text, action) in new[]
        {
            ("disable", "Disable a credential: its device is refused from its next action", "disable"),
            ("enable", "Enable a disabled credential", "enable"),
            ("rotate", "Issue a new credential for the same thing and disable this one", "rotate"),
        })
        {
            var id = new Argument<string>("credential") { Description = "Credential id (dev_...)" };
            var idAccount = AdminVerb.Account();
            command.Subcommands.Add(AdminVerb.Create(verb, text, [id, idAccount], action == "rotate" ? Issued : Credentials with { Items = null },
                (r, client, ct) => client.SendAsync(HttpMethod.Post, IotCommands.Path(r.GetValue(idAccount)!, "credentials", r.GetValue(id)!, action), cancellationToken: ct)));
        }

        var deleteId = new Argument<string>("credential") { Description = "Credential id (dev_...)" };
        var deleteAccount = AdminVerb.Account();
        command.Subcommands.Add(AdminVerb.Create("delete", "Delete a credential", [deleteId, deleteAccount], AdminTable.Message("Credential deleted."),
            (r, client, ct) => client.SendAsync(HttpMethod.Delete, IotCommands.Path(r.GetValue(deleteAccount)!, "credentials", r.GetValue(deleteId)!), cancellationToken: ct)));

        return command;
    }
}

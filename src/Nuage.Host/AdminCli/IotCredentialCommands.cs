using System.CommandLine;

namespace Nuage.Host.AdminCli;

/// <summary>
/// `nuage admin iot credentials create|list THING`, `register-certificate THING PEMFILE`, `disable|enable|rotate|delete ID`
/// (an ID is a token's dev_... or a certificate's 64-digit fingerprint).
/// </summary>
public static class IotCredentialCommands
{
    private static readonly AdminTable Credentials = new(
        "credentials", [("CREDENTIAL ID", "credentialId"), ("KIND", "kind"), ("THING", "thingName"), ("STATUS", "status"), ("CREATED", "createdAt")]);

    private static readonly AdminTable Registered = new(
        null, [("CERTIFICATE ID", "certificateId"), ("THING", "thingName"), ("STATUS", "status"), ("NOT AFTER", "notAfter")])
    {
        After = (answer, output) => output.WriteLine("The device connects over TLS (--mqtt-tls-listen) with this certificate and its key, client id = thing name, no password."),
    };

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

        var certThing = new Argument<string>("thing") { Description = "Thing name" };
        var pemFile = new Argument<string>("pem-file") { Description = "The device's X.509 certificate, PEM (its private key stays on the device); - reads stdin" };
        var inactive = new Option<bool>("--inactive") { Description = "Register it disabled; enable it later" };
        var certAccount = AdminVerb.Account();
        command.Subcommands.Add(AdminVerb.Create("register-certificate", "Register a device's X.509 certificate for a thing (AWS IoT RegisterCertificateWithoutCA)",
            [certThing, pemFile, inactive, certAccount], Registered,
            (r, client, ct) => client.SendAsync(HttpMethod.Post, IotCommands.Path(r.GetValue(certAccount)!, "things", r.GetValue(certThing)!, "certificates"),
                new { certificatePem = AdminVerb.ReadDocument(r.GetValue(pemFile)!), status = r.GetValue(inactive) ? "Inactive" : "Active" }, cancellationToken: ct)));

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
            var id = new Argument<string>("credential") { Description = "Credential id (dev_...) or certificate id" };
            var idAccount = AdminVerb.Account();
            command.Subcommands.Add(AdminVerb.Create(verb, text, [id, idAccount], action == "rotate" ? Issued : Credentials with { Items = null },
                (r, client, ct) => client.SendAsync(HttpMethod.Post, IotCommands.Path(r.GetValue(idAccount)!, "credentials", r.GetValue(id)!, action), cancellationToken: ct)));
        }

        var deleteId = new Argument<string>("credential") { Description = "Credential id (dev_...) or certificate id" };
        var deleteAccount = AdminVerb.Account();
        command.Subcommands.Add(AdminVerb.Create("delete", "Delete a credential", [deleteId, deleteAccount], AdminTable.Message("Credential deleted."),
            (r, client, ct) => client.SendAsync(HttpMethod.Delete, IotCommands.Path(r.GetValue(deleteAccount)!, "credentials", r.GetValue(deleteId)!), cancellationToken: ct)));

        return command;
    }
}

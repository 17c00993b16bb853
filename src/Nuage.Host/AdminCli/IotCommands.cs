using System.CommandLine;

namespace Nuage.Host.AdminCli;

/// <summary>
/// `nuage admin iot things|groups|credentials|policies|rules VERB --account A`: an account's IoT device registry
/// (docs/iot-devices.md), through /api/iot/accounts/A/... (docs/admin-api.md "IoT devices").
/// </summary>
public static class IotCommands
{
    public static Command Create()
    {
        var command = new Command("iot", "IoT devices of an account: things, thing groups, device credentials, IoT policies and rules");
        command.Subcommands.Add(IotThingCommands.Create());
        command.Subcommands.Add(IotGroupCommands.Create());
        command.Subcommands.Add(IotCredentialCommands.Create());
        command.Subcommands.Add(IotPolicyCommands.Create());
        command.Subcommands.Add(IotRuleCommands.Create());
        return command;
    }

    /// <summary>The path of an IoT endpoint of <paramref name="account"/>: iot/accounts/ACCOUNT/...</summary>
    public static string[] Path(string account, params string[] rest) => ["iot", "accounts", account, .. rest];
}

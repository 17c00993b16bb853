using System.CommandLine;

namespace Nuage.Host.AdminCli;

/// <summary>
/// `nuage admin NOUN VERB`: the admin API of a running server (docs/admin-api.md), signed with SigV4. Exit codes:
/// 0 done, 1 the server refused (its error on stderr), 2 usage, 3 the server cannot be reached.
/// </summary>
public static class AdminCommand
{
    public static Command Create()
    {
        var command = new Command("admin", "Manage accounts, users, groups, keys, policies and roles of a running server through its console port");
        foreach (var option in AdminConnection.All)
        {
            command.Options.Add(option);
        }

        command.Subcommands.Add(AccountCommands.Create());
        command.Subcommands.Add(KeyCommands.Create());
        command.Subcommands.Add(UserCommands.Create());
        command.Subcommands.Add(GroupCommands.Create());
        command.Subcommands.Add(PolicyCommands.Create());
        command.Subcommands.Add(RoleCommands.Create());
        command.Subcommands.Add(KmsCommands.Create());
        command.Subcommands.Add(RegionCommands.Create());
        command.Subcommands.Add(IotCommands.Create());
        command.Subcommands.Add(MigrateMetadataCommand.Create());
        return command;
    }
}

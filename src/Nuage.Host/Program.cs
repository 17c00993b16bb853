using System.CommandLine;
using Nuage.Host;

var root = new RootCommand(
    "Nuage: a self-hosted cloud. S3-compatible object storage in regions that replicate to each other.");
root.Subcommands.Add(ServerCommand.Create());
root.Subcommands.Add(Nuage.Host.AdminCli.AdminCommand.Create());

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // A usage mistake is exit code 2 for every command (scripts tell it from a refusal, 1, and an unreachable server, 3).
    foreach (var error in parsed.Errors)
    {
        await Console.Error.WriteLineAsync("nuage: " + error.Message);
    }

    await Console.Error.WriteLineAsync("Run with --help for usage.");
    return 2;
}

// Signals are left to the web host's lifetime (graceful shutdown: in-flight requests finish, pending commits
// drain), not to System.CommandLine's 2-second termination timeout.
return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });

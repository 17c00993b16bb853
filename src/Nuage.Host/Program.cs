using System.CommandLine;
using Nuage.Host;

var root = new RootCommand(
    "Nuage: a self-hosted cloud. S3-compatible object storage in regions that replicate to each other.");
root.Subcommands.Add(ServerCommand.Create());

// Signals are left to the web host's lifetime (graceful shutdown: in-flight requests finish, pending commits
// drain), not to System.CommandLine's 2-second termination timeout.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });

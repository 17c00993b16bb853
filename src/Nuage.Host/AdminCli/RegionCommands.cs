namespace Nuage.Host.AdminCli;

/// <summary>`nuage admin regions`: every region of the federation, its role and whether it answers (docs/regions.md).</summary>
public static class RegionCommands
{
    private static readonly AdminTable Regions = new("regions",
        [("NAME", "name"), ("ROLE", "role"), ("LOCAL", "isLocal"), ("REACHABLE", "reachable"), ("LATENCY_MS", "latencyMs"),
         ("S3", "s3Endpoint"), ("CONSOLE", "consoleEndpoint"), ("ERROR", "error")]);

    public static System.CommandLine.Command Create() =>
        AdminVerb.Create("regions", "Show the federation's regions, the control region, and whether each answers now", [], Regions,
            (r, client, ct) => client.SendAsync(HttpMethod.Get, ["regions"], cancellationToken: ct));
}

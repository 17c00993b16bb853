namespace Nuage.Host.AdminCli;

/// <summary>
/// `nuage admin regions`: every region of the federation, its role and whether it answers (docs/regions.md), then
/// this region's replication rules with their backlog, lag and failures (docs/replication.md).
/// </summary>
public static class RegionCommands
{
    private static readonly AdminTable Replication = new("replication",
        [("BUCKET", "bucket"), ("RULE", "ruleId"), ("ENABLED", "enabled"), ("DESTINATION", "destinationBucket"),
         ("BACKLOG", "backlogObjects"), ("BACKLOG_BYTES", "backlogBytes"), ("OLDEST_PENDING_S", "oldestPendingSeconds"),
         ("LAG_S", "lastLagSeconds"), ("REPLICATED", "replicated"), ("RETRIED", "retriedFailures"), ("FAILED", "permanentFailures"),
         ("LAST_ERROR", "lastError")]);

    private static readonly AdminTable Regions = new("regions",
        [("NAME", "name"), ("ROLE", "role"), ("LOCAL", "isLocal"), ("REACHABLE", "reachable"), ("LATENCY_MS", "latencyMs"),
         ("S3", "s3Endpoint"), ("CONSOLE", "consoleEndpoint"), ("ERROR", "error")])
    {
        After = (answer, output) =>
        {
            if (answer.TryGetProperty("replication", out var rules) && rules.GetArrayLength() > 0)
            {
                output.WriteLine();
                output.WriteLine("Replication from this region:");
                AdminOutput.Write(output, answer, json: false, Replication);
            }
        },
    };

    public static System.CommandLine.Command Create() =>
        AdminVerb.Create("regions", "Show the federation's regions, the control region, whether each answers now, and this region's replication", [], Regions,
            (r, client, ct) => client.SendAsync(HttpMethod.Get, ["regions"], cancellationToken: ct));
}

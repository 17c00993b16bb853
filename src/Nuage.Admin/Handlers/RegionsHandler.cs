using Nuage.Admin.Http;
using Nuage.Regions.Reachability;

namespace Nuage.Admin.Handlers;

/// <summary>
/// The federation's regions as this one sees them (docs/regions.md): each region's endpoints, which is the control
/// region and which is this one, and whether its console port answered just now. Replication state joins it once
/// replication is built. The operator's view: regions belong to the installation, not to an account.
/// </summary>
public sealed class RegionsHandler(RegionProbe probe, Nuage.Storage.Replication.ReplicationProgress? replication = null)
{
    public async Task<AdminResult> ListAsync(AdminCall call)
    {
        var regions = await probe.ProbeAsync(call.Aborted).ConfigureAwait(false);
        return AdminResult.Ok(new
        {
            Regions = regions.Select(r => new
            {
                r.Name,
                S3Endpoint = r.S3Endpoint?.ToString(),
                ConsoleEndpoint = r.ConsoleEndpoint?.ToString(),
                Role = r.IsControl ? "control" : "member",
                r.IsLocal,
                r.Reachable,
                LatencyMs = r.LatencyMilliseconds is { } ms ? Math.Round(ms, 1) : (double?)null,
                r.Error,
            }),
            Replication = replication is null ? [] : await replication.ReadAsync(call.Aborted).ConfigureAwait(false),
        });
    }

    /// <summary>This region's replication rules: backlog, lag, failures (GET /api/replication).</summary>
    public async Task<AdminResult> ReplicationAsync(AdminCall call) =>
        AdminResult.Ok(new { Rules = replication is null ? [] : await replication.ReadAsync(call.Aborted).ConfigureAwait(false) });
}

namespace Nuage.Storage.Health;

using Microsoft.Extensions.Diagnostics.HealthChecks;
using Nuage.Metadata;

/// <summary>
/// Readiness of the metadata store: an empty unit of work through the group-commit writer, so the probe passes only
/// when the store takes its write lock and commits, the path every PUT depends on (a read could still succeed
/// while writes are stuck). It commits nothing, so it costs no fsync.
/// </summary>
internal sealed class MetadataHealthCheck(IMetadataStore metadata) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // WaitAsync: a writer stuck behind a lock must not hold the probe past its timeout.
            await metadata.WriteAsync(static tx => tx.Now, cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("The metadata store commits.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The metadata store does not commit: " + e.Message);
        }
    }
}

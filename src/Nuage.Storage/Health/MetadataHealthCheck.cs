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
    /// <summary>Shorter than the registration's timeout (<see cref="Telemetry.ReadinessChecks.Timeout"/>), so the answer says why.</summary>
    private static readonly TimeSpan CommitWithin = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // WaitAsync: a writer stuck behind a lock must not hold the probe; the store's own busy timeout is longer.
            await metadata.WriteAsync(static tx => tx.Now, cancellationToken).WaitAsync(CommitWithin, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("The metadata store commits.");
        }
        catch (TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"The metadata store did not commit within {CommitWithin.TotalSeconds:0.#} s (locked by another process, or stalled).");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The metadata store does not commit: " + e.Message);
        }
    }
}

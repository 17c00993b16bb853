namespace Nuage.Storage.Health;

using Microsoft.Extensions.Diagnostics.HealthChecks;
using Nuage.Blobs;

/// <summary>Readiness of the blob directory: a small file is created, written and deleted where blobs are written.</summary>
internal sealed class BlobStoreHealthCheck(IBlobStore blobs) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            blobs.CheckWritable();
            return Task.FromResult(HealthCheckResult.Healthy("The blob directory is writable."));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The blob directory is not writable: " + e.Message));
        }
    }
}

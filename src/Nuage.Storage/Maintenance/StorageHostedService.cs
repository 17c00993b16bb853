namespace Nuage.Storage.Maintenance;

using Microsoft.Extensions.Hosting;

/// <summary>
/// Host lifecycle of the storage engine: at start the sweep runs to completion (before the web server, registered
/// later, accepts requests), then the collector and the lifecycle worker start; at stop both stop. The metadata store is drained
/// and closed when the container disposes it, after the server has finished its requests.
/// </summary>
internal sealed class StorageHostedService(
    StartupSweep sweep, GarbageCollector collector, Lifecycle.LifecycleWorker lifecycle, Encryption.Kms.KmsKeyRing kms) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await sweep.RunAsync(cancellationToken).ConfigureAwait(false);
        await kms.LoadAsync(cancellationToken).ConfigureAwait(false);
        collector.Start();
        lifecycle.Start();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await lifecycle.StopAsync().ConfigureAwait(false);
        await collector.StopAsync().ConfigureAwait(false);
    }
}

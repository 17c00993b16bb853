namespace Nuage.Storage.Maintenance;

using Microsoft.Extensions.Hosting;

/// <summary>
/// Host lifecycle of the storage engine: at start the sweep runs to completion (before the web server, registered
/// later, accepts requests) and the collector starts; at stop the collector stops. The metadata store is drained
/// and closed when the container disposes it, after the server has finished its requests.
/// </summary>
internal sealed class StorageHostedService(StartupSweep sweep, GarbageCollector collector) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await sweep.RunAsync(cancellationToken).ConfigureAwait(false);
        collector.Start();
    }

    public Task StopAsync(CancellationToken cancellationToken) => collector.StopAsync();
}

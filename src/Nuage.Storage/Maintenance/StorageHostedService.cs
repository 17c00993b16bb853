namespace Nuage.Storage.Maintenance;

using Microsoft.Extensions.Hosting;

/// <summary>
/// Host lifecycle of the storage engine: at start the sweep runs to completion (before the web server, registered
/// later, accepts requests) and the collector starts; at stop the collector stops. The metadata store is drained
/// and closed when the container disposes it, after the server has finished its requests.
/// </summary>
/// <remarks>It takes <see cref="UsageMetrics"/> only so the container creates it (and its scrape callback) at start.</remarks>
internal sealed class StorageHostedService(StartupSweep sweep, GarbageCollector collector, UsageMetrics usage) : IHostedService
{
    public UsageMetrics Usage { get; } = usage;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await sweep.RunAsync(cancellationToken).ConfigureAwait(false);
        collector.Start();
    }

    public Task StopAsync(CancellationToken cancellationToken) => collector.StopAsync();
}

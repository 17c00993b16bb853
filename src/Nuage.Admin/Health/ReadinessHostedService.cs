using Microsoft.Extensions.Hosting;

namespace Nuage.Admin.Health;

/// <summary>
/// Marks the region ready. Hosted services start one after another in registration order, and the identity
/// registry's load and the storage sweep are hosted services registered before this one (AddNuageAdmin comes after
/// AddNuageStorage and AddNuageIam in the composition root), so reaching StartAsync means both have finished.
/// </summary>
internal sealed class ReadinessHostedService(ServiceReadiness readiness, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(readiness.MarkStopping);
        readiness.MarkReady();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        readiness.MarkStopping();
        return Task.CompletedTask;
    }
}

using Microsoft.Extensions.Hosting;

namespace Nuage.Iam.Identities;

/// <summary>Loads every identity before the web server, registered later, accepts a request.</summary>
internal sealed class IdentityHostedService(IdentityRegistry registry) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => registry.LoadAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

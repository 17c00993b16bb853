using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Regions;

/// <summary>Paris (the control region) and Dubai: the smallest federation, for replication tests that need only a source and a destination.</summary>
public sealed class TwoRegionsFixture : IAsyncLifetime
{
    private int _counter;

    public LocalFederation Federation { get; private set; } = null!;

    public async Task InitializeAsync() => Federation = await LocalFederation.StartAsync(["paris", "dubai"]);

    public async Task DisposeAsync() => await Federation.DisposeAsync();

    /// <summary>A bucket name no other test of the run uses (names are global across the federation).</summary>
    public string NewBucketName(string purpose) =>
        $"{purpose}-{Interlocked.Increment(ref _counter)}-{Guid.NewGuid().ToString("N")[..8]}";
}

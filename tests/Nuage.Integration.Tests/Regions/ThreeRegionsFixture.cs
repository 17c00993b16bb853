using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Regions;

/// <summary>Paris (the control region), Dubai and Singapore: one federation of three real processes, shared by a test class.</summary>
public sealed class ThreeRegionsFixture : IAsyncLifetime
{
    public static readonly string[] Names = ["paris", "dubai", "singapore"];

    private int _counter;

    public LocalFederation Federation { get; private set; } = null!;

    public async Task InitializeAsync() => Federation = await LocalFederation.StartAsync(Names);

    public async Task DisposeAsync() => await Federation.DisposeAsync();

    /// <summary>A bucket name no other test of the run uses (names are global across the federation).</summary>
    public string NewBucketName(string purpose) =>
        $"{purpose}-{Interlocked.Increment(ref _counter)}-{Guid.NewGuid().ToString("N")[..8]}";
}

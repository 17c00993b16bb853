using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Regions;

/// <summary>Paris (the control region) and Dubai: the smallest federation, for replication tests that need only a source and a destination.</summary>
public sealed class TwoRegionsFixture : IAsyncLifetime
{
    private int _counter;

    public LocalFederation Federation { get; private set; } = null!;

    /// <summary>The smallest part but the last both regions take (--min-part-size), far below S3's 5 MiB.</summary>
    public const int MinPartSize = 4096;

    /// <summary>Parts of <see cref="MinPartSize"/> let a test build an upload of hundreds of parts in a few megabytes.</summary>
    public async Task InitializeAsync() => Federation = await LocalFederation.StartAsync(
        ["paris", "dubai"], environment: new Dictionary<string, string?> { ["NUAGE_MIN_PART_SIZE"] = MinPartSize.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public async Task DisposeAsync() => await Federation.DisposeAsync();

    /// <summary>A bucket name no other test of the run uses (names are global across the federation).</summary>
    public string NewBucketName(string purpose) =>
        $"{purpose}-{Interlocked.Increment(ref _counter)}-{Guid.NewGuid().ToString("N")[..8]}";
}

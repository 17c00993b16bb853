using Xunit;
using Xunit.Abstractions;

namespace Nuage.Integration.Tests.Durability;

/// <summary>
/// DESIGN.md invariants 1-3 under kill -9: several rounds of 16 concurrent writers PUTting mixed sizes (inline and
/// blob-backed), the server killed mid-load, restarted on the same data directory; then every acknowledged object
/// reads back with its exact bytes, no unacknowledged object is half-visible, and the startup sweep has left no
/// temporary file and no orphan blob behind.
/// </summary>
public sealed class KillNineTests(ITestOutputHelper output)
{
    private const int Rounds = 5;
    private const int Writers = 16;
    private const string Bucket = "durability-kill9";

    [Fact]
    public Task Kill_9_mid_load_loses_no_acknowledged_put_and_shows_no_partial_object() =>
        KillNineRounds.RunOnNewServerAsync(Bucket, Rounds, Writers, output, "PUTs");
}

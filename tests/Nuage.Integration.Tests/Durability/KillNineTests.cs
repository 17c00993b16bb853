using System.Net;
using Nuage.Integration.Tests.BadInput;
using Nuage.Testing;
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
    public async Task Kill_9_mid_load_loses_no_acknowledged_put_and_shows_no_partial_object()
    {
        using var temp = new TempDirectory();
        var data = Path.Combine(temp.Path, "data");
        var ledger = new PutLedger();
        NuageProcess? server = await NuageProcess.StartAsync(data);
        try
        {
            using (var http = new SignedHttpClient(server.Endpoint))
            {
                Assert.Equal(HttpStatusCode.OK, await http.CreateBucketAsync(Bucket));
            }

            for (var round = 1; round <= Rounds; round++)
            {
                var load = new PutLoad(server.Endpoint, Bucket, $"round{round}", Writers, ledger, acknowledgementsBeforeSignal: 24 + (8 * round));
                var running = load.RunAsync();
                await load.Threshold.WaitAsync(TimeSpan.FromSeconds(90));
                await server.KillAsync();
                await running.WaitAsync(TimeSpan.FromSeconds(60));
                var leftBehind = BlobTempFiles.List(data).Count;
                server.AssertNoErrors();
                await server.DisposeAsync();
                server = null;

                Assert.True(ledger.Unexpected.IsEmpty, "PUTs answered wrongly before the kill:\n" + string.Join('\n', ledger.Unexpected));
                Assert.True(load.FailedRequests > 0, "The kill interrupted no PUT: the load was not running.");

                server = await NuageProcess.StartAsync(data);
                var leftovers = BlobTempFiles.List(data);
                Assert.True(leftovers.Count == 0,
                    $"Round {round}: the startup sweep left {leftovers.Count} temporary file(s):\n" + string.Join('\n', leftovers));

                var failures = await ledger.VerifyAsync(server.Endpoint, Bucket);
                output.WriteLine($"round {round}: {load.AcknowledgedCount} PUTs acknowledged, {load.FailedRequests} cut by the kill, "
                    + $"{leftBehind} temporary file(s) at the kill; {ledger.Acknowledged.Count} of {ledger.Attempted.Count} objects now readable");
                Assert.True(failures.Count == 0, $"Round {round}, after restart:\n" + string.Join('\n', failures));

                // No orphan blob survives the startup sweep, and no readable object lost its blob. Keys are never
                // overwritten or deleted here, so each readable object over the inline limit owns exactly one blob.
                var blobs = BlobTempFiles.CountCommittedBlobs(data);
                var blobBacked = ledger.Acknowledged.Values.Count(p => p.Bytes.Length > Payload.InlineLimit);
                Assert.True(blobs == blobBacked,
                    $"Round {round}: {blobs} blob files on disk for {blobBacked} readable blob-backed objects after the startup sweep.");
            }

            server.AssertNoErrors();
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }
}

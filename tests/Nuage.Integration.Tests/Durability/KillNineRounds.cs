using Nuage.Integration.Tests.BadInput;
using Nuage.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Nuage.Integration.Tests.Durability;

/// <summary>
/// The rounds of a kill -9 durability run, shared by the plain and the encrypted write paths: writers PUT into the
/// bucket, the server is killed mid-load and restarted on the same data directory; then every acknowledged object
/// reads back with its exact bytes, no unacknowledged object is half-visible, and the startup sweep has left no
/// temporary file and no orphan blob.
/// </summary>
internal static class KillNineRounds
{
    /// <summary>
    /// A whole run: a server on a fresh data directory, <paramref name="bucket"/> created and given
    /// <paramref name="configure"/> (a default encryption, say), the rounds, then <paramref name="check"/> on the
    /// server restarted after the last round, which must also have logged no error; the server is stopped at the end.
    /// </summary>
    public static async Task RunOnNewServerAsync(
        string bucket, int rounds, int writers, ITestOutputHelper output, string what,
        Func<NuageProcess, Task>? configure = null, Func<NuageProcess, PutLedger, Task>? check = null)
    {
        using var temp = new TempDirectory();
        var ledger = new PutLedger();
        var started = await NuageProcess.StartAsync(Path.Combine(temp.Path, "data"));
        NuageProcess? server = started;
        try
        {
            using (var http = new SignedHttpClient(started.Endpoint))
            {
                Assert.Equal(System.Net.HttpStatusCode.OK, await http.CreateBucketAsync(bucket));
            }

            if (configure is not null)
            {
                await configure(started);
            }

            server = null;
            server = await RunAsync(started, bucket, rounds, writers, ledger, output, what);
            if (check is not null)
            {
                await check(server, ledger);
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

    /// <summary>
    /// Runs the rounds on <paramref name="started"/>, which it then owns, and returns the server restarted after the
    /// last one; a failing round stops the server it is running before the failure propagates.
    /// </summary>
    public static async Task<NuageProcess> RunAsync(
        NuageProcess started, string bucket, int rounds, int writers, PutLedger ledger, ITestOutputHelper output, string what)
    {
        NuageProcess? server = started;
        try
        {
            return await RoundsAsync(() => server, s => server = s, bucket, rounds, writers, ledger, output, what);
        }
        catch
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }

            throw;
        }
    }

    private static async Task<NuageProcess> RoundsAsync(
        Func<NuageProcess?> current, Action<NuageProcess?> replace, string bucket, int rounds, int writers, PutLedger ledger,
        ITestOutputHelper output, string what)
    {
        var server = current()!;
        var data = server.DataDirectory;
        for (var round = 1; round <= rounds; round++)
        {
            var load = new PutLoad(server.Endpoint, bucket, $"round{round}", writers, ledger, acknowledgementsBeforeSignal: 24 + (8 * round));
            var running = load.RunAsync();
            await load.Threshold.WaitAsync(TimeSpan.FromSeconds(90));
            await server.KillAsync();
            await running.WaitAsync(TimeSpan.FromSeconds(60));
            var leftBehind = BlobTempFiles.List(data).Count;
            server.AssertNoErrors();
            await server.DisposeAsync();
            replace(null);

            Assert.True(ledger.Unexpected.IsEmpty, "PUTs answered wrongly before the kill:\n" + string.Join('\n', ledger.Unexpected));
            Assert.True(load.FailedRequests > 0, "The kill interrupted no PUT: the load was not running.");

            server = await NuageProcess.StartAsync(data);
            replace(server);
            var leftovers = BlobTempFiles.List(data);
            Assert.True(leftovers.Count == 0,
                $"Round {round}: the startup sweep left {leftovers.Count} temporary file(s):\n" + string.Join('\n', leftovers));

            var failures = await ledger.VerifyAsync(server.Endpoint, bucket);
            output.WriteLine($"round {round}: {load.AcknowledgedCount} {what} acknowledged, {load.FailedRequests} cut by the kill, "
                + $"{leftBehind} temporary file(s) at the kill; {ledger.Acknowledged.Count} of {ledger.Attempted.Count} objects now readable");
            Assert.True(failures.Count == 0, $"Round {round}, after restart:\n" + string.Join('\n', failures));

            // No orphan blob survives the startup sweep, and no readable object lost its blob. Keys are never
            // overwritten or deleted here, so each readable object over the inline limit owns exactly one blob.
            var blobs = BlobTempFiles.CountCommittedBlobs(data);
            var blobBacked = ledger.Acknowledged.Values.Count(p => p.Bytes.Length > Payload.InlineLimit);
            Assert.True(blobs == blobBacked,
                $"Round {round}: {blobs} blob files on disk for {blobBacked} readable blob-backed objects after the startup sweep.");
        }

        return server;
    }
}

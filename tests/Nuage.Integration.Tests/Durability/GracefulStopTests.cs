using System.Net;
using System.Net.Sockets;
using Nuage.Integration.Tests.BadInput;
using Nuage.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Nuage.Integration.Tests.Durability;

/// <summary>
/// Issue 3: "Ctrl-C or SIGTERM shuts down gracefully: requests in flight finish, nothing is left half-written."
/// Uploads are held half-sent while SIGTERM arrives; once the server has stopped accepting connections they are
/// completed, and each must be acknowledged, the process must exit 0, and after a restart every acknowledged
/// object is intact.
/// </summary>
public sealed class GracefulStopTests(ITestOutputHelper output)
{
    private const string Bucket = "graceful-stop";

    [Fact]
    public async Task Sigterm_during_uploads_finishes_in_flight_requests_and_exits_0()
    {
        using var temp = new TempDirectory();
        var data = Path.Combine(temp.Path, "data");
        var ledger = new PutLedger();
        NuageProcess? server = await NuageProcess.StartAsync(data);
        try
        {
            using var http = new SignedHttpClient(server.Endpoint, timeout: TimeSpan.FromSeconds(90));
            Assert.Equal(HttpStatusCode.OK, await http.CreateBucketAsync(Bucket));

            // Background load of fresh keys, plus uploads held open halfway through their bodies.
            var load = new PutLoad(server.Endpoint, Bucket, "background", writers: 4, ledger, acknowledgementsBeforeSignal: 8);
            var loading = load.RunAsync();
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var random = new Random(20240501);
            var held = Enumerable.Range(0, 6)
                .Select(i => Payload.Create($"held/{i}", i % 2 == 0 ? 96 * 1024 + i : (2 * 1024 * 1024) + i, random))
                .Select(payload => (Payload: payload, Content: new GatedContent(payload.Bytes, payload.Bytes.Length / 2, gate.Task)))
                .ToList();
            var uploads = held.Select(h => SendHeldAsync(http, h.Payload, h.Content)).ToList();
            await Task.WhenAll(held.Select(h => h.Content.HalfSent)).WaitAsync(TimeSpan.FromSeconds(60));
            await load.Threshold.WaitAsync(TimeSpan.FromSeconds(60));

            var stopping = server.StopAsync(TimeSpan.FromSeconds(60));
            Assert.True(await ListenerClosedAsync(server.Endpoint, TimeSpan.FromSeconds(15)),
                "The server still accepted connections 15 s after SIGTERM.");
            load.Stop();
            gate.SetResult();

            var answers = await Task.WhenAll(uploads).WaitAsync(TimeSpan.FromSeconds(60));
            foreach (var (payload, status, etag, error) in answers)
            {
                Assert.True(status == HttpStatusCode.OK && etag == payload.Md5,
                    $"The upload of {payload} in flight at SIGTERM answered {(status is null ? "nothing" : (int)status)} {etag} {error}");
                ledger.Attempted[payload.Key] = payload;
                ledger.Acknowledged[payload.Key] = payload;
            }

            var exitCode = await stopping;
            await loading.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(exitCode == 0, $"nuage exited with {exitCode} after SIGTERM:\n" + string.Join('\n', server.Output.TakeLast(40)));
            Assert.True(ledger.Unexpected.IsEmpty, "PUTs answered wrongly during the stop:\n" + string.Join('\n', ledger.Unexpected));
            server.AssertNoErrors();
            await server.DisposeAsync();
            server = null;

            server = await NuageProcess.StartAsync(data);
            var leftovers = BlobTempFiles.List(data);
            Assert.True(leftovers.Count == 0, "Temporary files after a graceful stop and restart:\n" + string.Join('\n', leftovers));
            var failures = await ledger.VerifyAsync(server.Endpoint, Bucket);
            output.WriteLine($"{load.AcknowledgedCount} background PUTs acknowledged, {held.Count} held uploads completed; "
                + $"{ledger.Acknowledged.Count} of {ledger.Attempted.Count} objects readable after restart");
            Assert.True(failures.Count == 0, "After a graceful stop and restart:\n" + string.Join('\n', failures));
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

    private static async Task<(Payload Payload, HttpStatusCode? Status, string? ETag, string? Error)> SendHeldAsync(
        SignedHttpClient http, Payload payload, GatedContent content)
    {
        using var request = http.Create(HttpMethod.Put, SigV4Signer.EncodePath(Bucket, payload.Key), payloadHash: payload.Sha256);
        request.Content = content;
        try
        {
            using var response = await http.SendAsync(request);
            return (payload, response.StatusCode, SignedHttpClient.ETagOf(response), await response.Content.ReadAsStringAsync());
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
        {
            return (payload, null, null, e.Message);
        }
    }

    /// <summary>
    /// True once a connection to the endpoint is refused: the listener is closed, so shutdown has begun. There is no
    /// event to await from outside the process, so this is a short poll bounded by <paramref name="timeout"/>.
    /// </summary>
    private static async Task<bool> ListenerClosedAsync(Uri endpoint, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, endpoint.Port));
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset)
            {
                return true; // refused, or reset by a listener that closed with this connection in its backlog
            }

            await Task.Delay(25);
        }

        return false;
    }
}

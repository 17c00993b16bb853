using System.Net;
using Nuage.Integration.Tests.BadInput;

namespace Nuage.Integration.Tests.Durability;

/// <summary>
/// Concurrent writers PUTting fresh keys with mixed sizes until the server stops answering. <see cref="Threshold"/>
/// completes when a given number of PUTs have been acknowledged, so a test can kill or stop the server mid-load
/// on an event rather than after a sleep.
/// </summary>
public sealed class PutLoad(Uri endpoint, string bucket, string prefix, int writers, PutLedger ledger, int acknowledgementsBeforeSignal)
{
    private readonly TaskCompletionSource _threshold = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _acknowledged;
    private int _failedRequests;
    private volatile bool _stop;

    public Task Threshold => _threshold.Task;

    public int AcknowledgedCount => Volatile.Read(ref _acknowledged);

    /// <summary>PUTs that got no answer (connection refused, reset, closed): the interrupted ones.</summary>
    public int FailedRequests => Volatile.Read(ref _failedRequests);

    /// <summary>Stops starting new PUTs (the running ones finish).</summary>
    public void Stop() => _stop = true;

    /// <summary>Runs every writer until its first PUT without an answer, or until <see cref="Stop"/>.</summary>
    public async Task RunAsync()
    {
        using var http = new SignedHttpClient(endpoint, timeout: TimeSpan.FromSeconds(90));
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() => WriteAsync(http, w))));
        _threshold.TrySetException(new InvalidOperationException(
            $"The load ended after {AcknowledgedCount} acknowledged PUTs, before {acknowledgementsBeforeSignal}."));
    }

    private async Task WriteAsync(SignedHttpClient http, int writer)
    {
        var random = new Random(HashCode.Combine(prefix, writer));
        for (var sequence = 0; !_stop; sequence++)
        {
            var payload = Payload.Create($"{prefix}/w{writer:D2}/{sequence:D5}", Payload.MixedSize(random), random);
            ledger.Attempted[payload.Key] = payload;
            HttpStatusCode status;
            string? etag;
            string body;
            try
            {
                (status, etag, body) = await http.PutObjectAsync(bucket, payload.Key, payload.Bytes);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
            {
                Interlocked.Increment(ref _failedRequests);
                return; // the server is gone (killed or stopping)
            }

            if (status != HttpStatusCode.OK || etag != payload.Md5)
            {
                ledger.Unexpected.Enqueue($"PUT {payload} answered {(int)status} ETag {etag}: {body}");
                return;
            }

            ledger.Acknowledged[payload.Key] = payload;
            if (Interlocked.Increment(ref _acknowledged) == acknowledgementsBeforeSignal)
            {
                _threshold.TrySetResult();
            }
        }
    }
}

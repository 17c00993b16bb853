using System.Collections.Concurrent;
using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace Nuage.Integration.Tests.Durability;

/// <summary>
/// Writers PUTting fresh 1 KiB objects through the AWS SDK (retries off, so every answer is seen) while a test
/// breaks the metadata database under them. Each answer is sorted: 200 goes to <see cref="Acknowledged"/> with its
/// bytes, 503 SlowDown is counted (and the writer backs off briefly, as a client honouring Retry-After would),
/// anything else goes to <see cref="Unexpected"/>. <see cref="WhenAcknowledged"/> and <see cref="WhenSlowedDown"/>
/// let a test act on events instead of sleeping.
/// </summary>
public sealed class SdkPutStream(IAmazonS3 s3, string bucket, int writers)
{
    private static readonly TimeSpan Backoff = TimeSpan.FromMilliseconds(100);

    private readonly Lock _gate = new();
    private readonly List<(Func<bool> Reached, TaskCompletionSource Done)> _waiters = [];
    private volatile bool _stop;
    private int _acknowledged;
    private int _slowDowns;

    /// <summary>Every PUT answered 200, by key, with the bytes sent.</summary>
    public ConcurrentDictionary<string, byte[]> Acknowledged { get; } = new(StringComparer.Ordinal);

    /// <summary>Answers that were neither 200 nor 503 SlowDown.</summary>
    public ConcurrentQueue<string> Unexpected { get; } = new();

    public int AcknowledgedCount => Volatile.Read(ref _acknowledged);

    public int SlowDownCount => Volatile.Read(ref _slowDowns);

    /// <summary>Completes once <paramref name="count"/> PUTs in all have been acknowledged.</summary>
    public Task WhenAcknowledged(int count) => When(() => AcknowledgedCount >= count);

    /// <summary>Completes once <paramref name="count"/> PUTs in all have been answered 503 SlowDown.</summary>
    public Task WhenSlowedDown(int count) => When(() => SlowDownCount >= count);

    /// <summary>No writer starts another PUT; <see cref="RunAsync"/> ends when the running ones are answered.</summary>
    public void Stop() => _stop = true;

    public Task RunAsync() => Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() => WriteAsync(w))));

    private async Task WriteAsync(int writer)
    {
        var random = new Random(writer);
        for (var sequence = 0; !_stop; sequence++)
        {
            var key = $"w{writer:D2}/{sequence:D6}";
            var bytes = new byte[1024];
            random.NextBytes(bytes);
            try
            {
                var response = await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = new MemoryStream(bytes) });
                if (response.HttpStatusCode == HttpStatusCode.OK)
                {
                    Acknowledged[key] = bytes;
                    Interlocked.Increment(ref _acknowledged);
                }
                else
                {
                    Unexpected.Enqueue($"PUT {key}: {(int)response.HttpStatusCode}");
                }
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.ServiceUnavailable && e.ErrorCode == "SlowDown")
            {
                Interlocked.Increment(ref _slowDowns);
                Signal();
                await Task.Delay(Backoff);
                continue;
            }
            catch (Exception e)
            {
                Unexpected.Enqueue($"PUT {key}: {e.GetType().Name} {(e as AmazonS3Exception)?.StatusCode} {(e as AmazonS3Exception)?.ErrorCode}: {e.Message}");
                await Task.Delay(Backoff);
                continue;
            }

            Signal();
        }
    }

    private Task When(Func<bool> reached)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (reached())
            {
                return Task.CompletedTask;
            }

            _waiters.Add((reached, done));
        }

        return done.Task;
    }

    private void Signal()
    {
        lock (_gate)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Reached())
                {
                    _waiters[i].Done.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }
}

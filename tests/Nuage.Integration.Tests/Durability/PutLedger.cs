using System.Collections.Concurrent;
using System.Net;
using Nuage.Integration.Tests.BadInput;

namespace Nuage.Integration.Tests.Durability;

/// <summary>
/// Every PUT of a durability run: what was attempted and what was acknowledged (a 200 received). Keys are never
/// reused, so each key has exactly one possible content.
/// </summary>
public sealed class PutLedger
{
    public ConcurrentDictionary<string, Payload> Attempted { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, Payload> Acknowledged { get; } = new(StringComparer.Ordinal);

    /// <summary>Answers a live server should never give a PUT (anything but 200, or a wrong ETag).</summary>
    public ConcurrentQueue<string> Unexpected { get; } = new();

    /// <summary>
    /// Checks the server against the ledger: every acknowledged object is readable with its exact bytes, and an
    /// object whose PUT was not acknowledged either does not exist or has exactly its full bytes, in GET and in the
    /// listing. An unacknowledged object seen whole is promoted to acknowledged: once served it must never vanish.
    /// Returns one line per violation.
    /// </summary>
    public async Task<List<string>> VerifyAsync(Uri endpoint, string bucket)
    {
        var failures = new ConcurrentQueue<string>();
        using var http = new SignedHttpClient(endpoint, timeout: TimeSpan.FromSeconds(120));
        await Parallel.ForEachAsync(Attempted.Values, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (payload, _) =>
        {
            var acknowledged = Acknowledged.ContainsKey(payload.Key);
            var (status, body, etag) = await http.GetObjectAsync(bucket, payload.Key);
            if (status == HttpStatusCode.OK && body.AsSpan().SequenceEqual(payload.Bytes))
            {
                if (etag != payload.Md5)
                {
                    failures.Enqueue($"{payload}: right bytes but ETag {etag}, expected {payload.Md5}");
                }

                Acknowledged.TryAdd(payload.Key, payload);
            }
            else if (status == HttpStatusCode.OK)
            {
                failures.Enqueue($"{payload}: {(acknowledged ? "acknowledged" : "unacknowledged")} object served with "
                    + $"{body.Length} bytes that are not its content (partial or mixed)");
            }
            else if (acknowledged)
            {
                failures.Enqueue($"{payload}: acknowledged object answered {(int)status} after restart: {System.Text.Encoding.UTF8.GetString(body)}");
            }
            else if (status != HttpStatusCode.NotFound)
            {
                failures.Enqueue($"{payload}: unacknowledged object answered {(int)status}, expected 404 or its bytes");
            }
        });

        var listed = await http.ListAllAsync(bucket);
        foreach (var (key, size, etag) in listed)
        {
            if (!Attempted.TryGetValue(key, out var payload))
            {
                failures.Enqueue($"listing shows {key}, which was never written");
            }
            else if (size != payload.Bytes.Length || etag != payload.Md5)
            {
                failures.Enqueue($"listing shows {payload} with size {size} and ETag {etag}");
            }
        }

        var listedKeys = listed.Select(l => l.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var key in Acknowledged.Keys.Where(k => !listedKeys.Contains(k)))
        {
            failures.Enqueue($"{key} is acknowledged but missing from the listing");
        }

        return [.. failures];
    }
}

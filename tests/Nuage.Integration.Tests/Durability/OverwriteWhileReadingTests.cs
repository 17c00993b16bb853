using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Nuage.Integration.Tests.BadInput;
using Nuage.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Nuage.Integration.Tests.Durability;

/// <summary>
/// DESIGN.md invariant 4: one key overwritten in a loop with distinct payloads on both sides of the 128 KiB inline
/// limit while readers read it. Every read must return one whole version: its bytes hash to one of the written
/// payloads and the ETag sent with them is that payload's. A ranged reader checks that a range and its ETag come
/// from the same version too.
/// </summary>
public sealed class OverwriteWhileReadingTests(NuageServerFixture fixture, ITestOutputHelper output) : IClassFixture<NuageServerFixture>
{
    private const string Key = "hot/key";
    private const int Overwrites = 48;
    private const int WholeReaders = 3;

    [Fact]
    public async Task Every_read_of_a_key_overwritten_in_a_loop_is_one_whole_version()
    {
        var bucket = await fixture.CreateBucketAsync("overwrite-while-reading");
        var random = new Random(42);
        int[] sizes =
        [
            0, 1, 4096, Payload.InlineLimit - 1, Payload.InlineLimit, Payload.InlineLimit + 1, 300 * 1024, 2 * 1024 * 1024 + 3,
            2, 4097, Payload.InlineLimit - 2, Payload.InlineLimit, Payload.InlineLimit + 2, 200 * 1024, 1024 * 1024, 3 * 1024 * 1024,
        ];
        var payloads = sizes.Select(size => Payload.Create(Key, size, random)).ToList();
        var byMd5 = payloads.GroupBy(p => p.Md5).ToDictionary(g => g.Key, g => g.First());
        Assert.Equal(payloads.Count, byMd5.Count);

        using var http = new SignedHttpClient(fixture.Endpoint, timeout: TimeSpan.FromSeconds(90));
        var first = await http.PutObjectAsync(bucket, Key, payloads[^1].Bytes);
        Assert.Equal(HttpStatusCode.OK, first.Status);

        var failures = new ConcurrentQueue<string>();
        var versionsSeen = new ConcurrentDictionary<string, int>();
        var reads = 0;
        using var writerDone = new CancellationTokenSource();

        async Task ReadWholeAsync()
        {
            while (!writerDone.IsCancellationRequested)
            {
                var (status, body, etag) = await http.GetObjectAsync(bucket, Key);
                Interlocked.Increment(ref reads);
                var md5 = Convert.ToHexStringLower(MD5.HashData(body));
                if (status != HttpStatusCode.OK)
                {
                    failures.Enqueue($"GET answered {(int)status}");
                }
                else if (!byMd5.ContainsKey(md5))
                {
                    failures.Enqueue($"GET returned {body.Length} bytes that are none of the written payloads (ETag {etag})");
                }
                else if (etag != md5)
                {
                    failures.Enqueue($"GET returned the {body.Length}-byte payload {md5} with the ETag of another version, {etag}");
                }
                else
                {
                    versionsSeen.AddOrUpdate(md5, 1, (_, n) => n + 1);
                }
            }
        }

        async Task ReadRangesAsync()
        {
            var headers = new Dictionary<string, string> { ["range"] = "bytes=0-99" };
            while (!writerDone.IsCancellationRequested)
            {
                var (status, body, etag) = await http.GetObjectAsync(bucket, Key, new Dictionary<string, string>(headers));
                Interlocked.Increment(ref reads);
                if (status == HttpStatusCode.RequestedRangeNotSatisfiable && etag is null)
                {
                    continue; // the empty version was current: no range of it is satisfiable, and an error has no ETag
                }

                if (etag is null || !byMd5.TryGetValue(etag, out var version))
                {
                    failures.Enqueue($"Range GET answered {(int)status} with ETag {etag}, which is no written version");
                    continue;
                }

                var expected = version.Bytes.AsSpan(0, Math.Min(100, version.Bytes.Length));
                var expectedStatus = version.Bytes.Length == 0 ? HttpStatusCode.RequestedRangeNotSatisfiable : HttpStatusCode.PartialContent;
                if (status != expectedStatus
                    || (status == HttpStatusCode.PartialContent && !body.AsSpan().SequenceEqual(expected)))
                {
                    failures.Enqueue($"Range GET answered {(int)status} with {body.Length} bytes that are not the first bytes of version {etag} "
                        + $"({version.Bytes.Length} bytes)");
                }
            }
        }

        var readers = Enumerable.Range(0, WholeReaders).Select(_ => Task.Run(ReadWholeAsync))
            .Append(Task.Run(ReadRangesAsync))
            .ToList();
        try
        {
            for (var i = 0; i < Overwrites; i++)
            {
                var payload = payloads[i % payloads.Count];
                var (status, etag, body) = await http.PutObjectAsync(bucket, Key, payload.Bytes);
                Assert.True(status == HttpStatusCode.OK && etag == payload.Md5,
                    $"Overwrite {i} ({payload.Bytes.Length} bytes) answered {(int)status} ETag {etag}: {body}");
            }
        }
        finally
        {
            await writerDone.CancelAsync();
            await Task.WhenAll(readers).WaitAsync(TimeSpan.FromSeconds(60));
        }

        output.WriteLine($"{reads} reads during {Overwrites} overwrites; {versionsSeen.Count} distinct versions seen whole");
        Assert.True(failures.IsEmpty, $"{failures.Count} bad reads, the first ones:\n" + string.Join('\n', failures.Take(20)));
        Assert.True(versionsSeen.Count >= 2, "The readers saw fewer than two versions: they did not overlap the overwrites.");

        var last = payloads[(Overwrites - 1) % payloads.Count];
        var final = await http.GetObjectAsync(bucket, Key);
        Assert.Equal(HttpStatusCode.OK, final.Status);
        Assert.True(final.Body.AsSpan().SequenceEqual(last.Bytes), "After the loop the key does not hold the last version written.");
    }
}

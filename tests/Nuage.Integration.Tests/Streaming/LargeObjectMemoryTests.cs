using System.Globalization;
using System.Security.Cryptography;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Nuage.Integration.Tests.Streaming;

/// <summary>
/// DESIGN.md invariant 5: no body is buffered whole. A 1 GiB PUT and GET through the real server must leave its
/// peak resident memory (VmHWM) within tens of MiB of where it started.
/// </summary>
public sealed class LargeObjectMemoryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const long Size = 1L << 30;

    /// <summary>Pooled buffers for a handful of concurrent streams, GC slack and JIT: far below the object's size.</summary>
    private const long AllowedGrowthBytes = 96L * 1024 * 1024;

    /// <summary>A server of this test's own, not a class fixture, so that an error it logs fails the test itself.</summary>
    private readonly NuageServerFixture _ownServer = new();

    private NuageProcess Server => _ownServer.Server;

    public Task InitializeAsync() => _ownServer.InitializeAsync();

    public Task DisposeAsync() => _ownServer.DisposeAsync();

    [Fact]
    public async Task One_GiB_put_and_get_stream_without_growing_the_server()
    {
        using var s3 = Server.CreateS3Client();
        await s3.PutBucketAsync("streaming");

        // Warm the server up (JIT, pools, one blob write and read) before taking the baseline.
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "streaming", Key = "warm", InputStream = new GeneratedStream(8 << 20) });
        using (var warm = await s3.GetObjectAsync("streaming", "warm"))
        {
            await warm.ResponseStream.CopyToAsync(Stream.Null);
        }

        var baseline = ReadStatusKiB("VmRSS");

        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = "streaming",
            Key = "one-gib",
            InputStream = new GeneratedStream(Size),
        });
        using (var response = await s3.GetObjectAsync("streaming", "one-gib"))
        {
            Assert.Equal(Size, response.ContentLength);
            using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
            var buffer = new byte[1 << 20];
            long offset = 0;
            int read;
            while ((read = await response.ResponseStream.ReadAsync(buffer)) > 0)
            {
                for (var i = 0; i < read; i += 4099)
                {
                    Assert.Equal(GeneratedStream.ByteAt(offset + i), buffer[i]);
                }

                md5.AppendData(buffer.AsSpan(0, read));
                offset += read;
            }

            Assert.Equal(Size, offset);
            Assert.Equal("\"" + Convert.ToHexStringLower(md5.GetHashAndReset()) + "\"", response.ETag);
        }

        var peak = ReadStatusKiB("VmHWM");
        var growth = (peak - baseline) * 1024;
        output.WriteLine($"server RSS before: {baseline / 1024} MiB, peak after 1 GiB PUT+GET: {peak / 1024} MiB");
        Assert.True(
            growth < AllowedGrowthBytes,
            $"server peak RSS grew by {growth / (1024 * 1024)} MiB for a 1 GiB object (baseline {baseline / 1024} MiB, peak {peak / 1024} MiB)");
    }

    private long ReadStatusKiB(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{Server.ProcessId}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"{field} not found in /proc/{Server.ProcessId}/status");
    }
}

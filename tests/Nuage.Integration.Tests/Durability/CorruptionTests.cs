using System.Net;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Durability;

/// <summary>
/// DESIGN.md invariant 6: a stored blob carries checksums verified on read, and a mismatch is an error, never wrong
/// bytes. A byte of the blob file is flipped on disk behind the server's back; a GET must then fail (an error status,
/// or a cut connection if the headers were already out), while reads of undamaged blocks still succeed.
/// </summary>
public sealed class CorruptionTests : IAsyncLifetime
{
    private const int Size = 3 * 1024 * 1024;
    /// <summary>A server of this test's own, not a class fixture, so that an error it logs fails the test itself.</summary>
    private readonly NuageServerFixture _ownServer = new();

    private NuageProcess Server => _ownServer.Server;

    public Task InitializeAsync() => _ownServer.InitializeAsync();

    public Task DisposeAsync() => _ownServer.DisposeAsync();

    [Fact]
    public async Task Flipped_byte_on_disk_is_never_served_as_data()
    {
        var body = new byte[Size];
        new Random(7).NextBytes(body);
        using (var s3 = Server.CreateS3Client())
        {
            await s3.PutBucketAsync("rot");
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = "rot", Key = "victim", InputStream = new MemoryStream(body) });
        }

        var blob = Directory.EnumerateFiles(Path.Combine(Server.DataDirectory, "blobs"), "*", SearchOption.AllDirectories)
            .Single(f => Path.GetFileName(Path.GetDirectoryName(f)) != "tmp");
        var offsetOfDamage = new FileInfo(blob).Length - 100_000; // in the last few blocks
        await using (var file = new FileStream(blob, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Position = offsetOfDamage;
            var original = file.ReadByte();
            file.Position = offsetOfDamage;
            file.WriteByte((byte)(original ^ 0x40));
        }

        Server.ExpectErrorContaining("failed its checksum");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var s3Client = Server.CreateS3Client();
        var url = s3Client.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = "rot",
            Key = "victim",
            Expires = DateTime.UtcNow.AddMinutes(5),
            Protocol = Amazon.S3.Protocol.HTTP,
        });

        var received = new MemoryStream();
        Exception? failure = null;
        HttpStatusCode status = 0;
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
            status = response.StatusCode;
            await (await response.Content.ReadAsStreamAsync()).CopyToAsync(received);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            failure = e;
        }

        var servedWholeBody = status == HttpStatusCode.OK && failure is null;
        Assert.False(servedWholeBody, "a corrupted blob was served as a complete 200 response");
        Assert.True(received.Length < Size, $"received {received.Length} bytes of a corrupted {Size}-byte object");
        Assert.True(received.ToArray().AsSpan().SequenceEqual(body.AsSpan(0, (int)received.Length)), "bytes before the damage must be the stored ones");

        // The first megabyte lies in blocks far from the damage: a range there is still served, exactly.
        using var s3Range = Server.CreateS3Client();
        using var first = await s3Range.GetObjectAsync(new GetObjectRequest
        {
            BucketName = "rot",
            Key = "victim",
            ByteRange = new ByteRange(0, (1 << 20) - 1),
        });
        var head = new MemoryStream();
        await first.ResponseStream.CopyToAsync(head);
        Assert.True(head.ToArray().AsSpan().SequenceEqual(body.AsSpan(0, 1 << 20)));
        Assert.True(Server.Output.Any(l => l.Contains("failed its checksum", StringComparison.Ordinal)), "the corruption must be logged for the operator");

        // ... and counted where the operator's alerting looks (issue 14): the damaged block, read once.
        var metrics = await Observability.ScrapedMetrics.ScrapeAsync(Server.ConsoleEndpoint);
        Assert.True(metrics.Value("nuage_storage_checksum_failures_total", ("kind", "blob")) >= 1);
        Assert.Equal(0, metrics.Value("nuage_storage_checksum_failures_total", ("kind", "inline")));
    }
}

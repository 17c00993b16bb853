using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Nuage.Integration.Tests.Durability;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.BadInput;

/// <summary>
/// Issue 13: a request body must arrive at a minimum average rate once a grace period has passed, so holding a
/// presigned PUT URL is not a way to keep a connection open forever; an honest upload that is slow but above the
/// rate still succeeds. The server runs with --min-upload-rate 2000 --upload-grace 2.
/// </summary>
public sealed class SlowUploadTests(SlowUploadServerFixture fixture) : IClassFixture<SlowUploadServerFixture>, IAsyncLifetime
{
    private readonly SignedHttpClient _http = new(fixture.Endpoint);
    private string _bucket = "";

    public async Task InitializeAsync() => _bucket = await fixture.CreateBucketAsync("slow-uploads");

    public async Task DisposeAsync()
    {
        var left = await BlobTempFiles.WaitUntilEmptyAsync(fixture.Server.DataDirectory, TimeSpan.FromSeconds(10));
        Assert.True(left.Count == 0, "Temporary files left behind:\n" + string.Join('\n', left));
        await BadInputAssert.ServerAliveAsync(fixture.Server);
        _http.Dispose();
    }

    [Fact]
    public async Task Trickled_body_is_cut_off_after_the_grace_period_and_commits_nothing()
    {
        // 100 bytes every 250 ms is 400 bytes/s, a fifth of the minimum; the 1 MiB body would take 45 minutes.
        var head = RawHttp.SignedHead(_http.Signer, fixture.Endpoint, "PUT", SigV4Signer.EncodePath(_bucket, "trickle"), null, 1024 * 1024);
        var clock = Stopwatch.StartNew();
        var response = await RawHttp.ExchangeAsync(
            fixture.Endpoint, head, RandomNumberGenerator.GetBytes(1024 * 1024), timeout: TimeSpan.FromSeconds(60),
            pacing: new BodyPacing(100, TimeSpan.FromMilliseconds(250)));
        clock.Stop();

        if (response is not null)
        {
            BadInputAssert.S3Error(response, 400, "RequestTimeout");
        }

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.NotFound, await _http.HeadObjectAsync(_bucket, "trickle"));
    }

    [Fact]
    public async Task Slow_but_honest_upload_above_the_minimum_rate_succeeds()
    {
        // 8 KiB every 250 ms is 32 KiB/s, well above the minimum, for about 5 s: longer than the grace period.
        var body = RandomNumberGenerator.GetBytes(160 * 1024);
        var head = RawHttp.SignedHead(_http.Signer, fixture.Endpoint, "PUT", SigV4Signer.EncodePath(_bucket, "honest"), null, body.Length);
        var response = await RawHttp.ExchangeAsync(
            fixture.Endpoint, head, body, timeout: TimeSpan.FromSeconds(60), pacing: new BodyPacing(8 * 1024, TimeSpan.FromMilliseconds(250)));

        Assert.NotNull(response);
        Assert.True(response.Status == 200, response.ToString());
        var (status, stored, _) = await _http.GetObjectAsync(_bucket, "honest");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(body, stored);
    }
}

using System.Buffers.Binary;
using System.Text.Json;
using Nuage.Metadata;
using Nuage.Regions.Federation;
using Nuage.Regions.Replication;
using Nuage.Storage.Replication;
using Nuage.Testing;
using Xunit;

namespace Nuage.Regions.Tests;

/// <summary>
/// Pushes between regions against a real Nuage region's console (docs/replication.md "Upgrading a federation"): an
/// endpoint the destination does not have (404 NoSuchRoute, what a region older than the sealed route answers) is a
/// push to try again once that region is upgraded, never a refusal that marks the version FAILED; a missing bucket is
/// still a refusal; and the sealed route refuses a body whose terms prefix is malformed.
/// </summary>
public sealed class FederationPushChannelTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly TempDirectory _data = new();
    private NuageProcess _region = null!;
    private FederationPushChannel _channel = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _region = await NuageProcess.StartAsync(Path.Combine(_data.Path, "data"));

        // The region under test is "local" (a lone region's name), as the push signs for the destination's name.
        var destination = new FederationRegion("local", _region.Endpoint, _region.ConsoleEndpoint);
        var here = new FederationRegion("paris", new Uri("http://127.0.0.1:1/"), new Uri("http://127.0.0.1:2/"));
        var membership = new FederationMembership(new FederationConfig([here, destination], here, here), "paris");
        _http = new HttpClient();
        _channel = new FederationPushChannel(membership, _http, NuageProcess.AccessKey, NuageProcess.SecretKey, TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _region.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task An_endpoint_the_destination_does_not_have_is_tried_again_not_refused()
    {
        var result = await _channel.PutAsync(
            "local", "api/federation/an-endpoint-of-a-later-nuage/b", request => request.Content = new ByteArrayContent([]), _ => PushResult.Delivered,
            CancellationToken.None);

        Assert.Equal(PushOutcome.Retry, result.Outcome);
        Assert.Contains("local runs an older Nuage", result.Error, StringComparison.Ordinal);
        Assert.Contains("NoSuchRoute", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sealed_push_to_a_missing_bucket_is_refused()
    {
        var result = await PushSealedAsync("no-such-bucket", Prefixed(new ReplicaTerms(Nuage.Storage.Encryption.ServerSideEncryption.S3ManagedKey)));

        Assert.Equal(PushOutcome.Refused, result.Outcome);
        Assert.Contains("NoSuchBucket", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zero")]
    [InlineData("too-long")]
    [InlineData("short")]
    [InlineData("not-json")]
    public async Task A_sealed_push_whose_terms_prefix_is_malformed_is_a_400(string kind)
    {
        byte[] body = kind switch
        {
            "zero" => [0, 0, 0, 0],
            "too-long" => [0x7F, 0, 0, 0, (byte)'{'],
            "short" => [0, 0, 0, 100, (byte)'{', (byte)'}'],
            _ => [0, 0, 0, 3, (byte)'n', (byte)'o', (byte)'t'],
        };

        var result = await PushSealedAsync("no-such-bucket", body);

        // 400 is "try again" to the channel (only 404 and 409 are for good), and names the problem.
        Assert.Equal(PushOutcome.Retry, result.Outcome);
        Assert.Contains("answered 400", result.Error, StringComparison.Ordinal);
        Assert.Contains("terms", result.Error, StringComparison.Ordinal);
    }

    private Task<PushResult> PushSealedAsync(string bucket, byte[] body)
    {
        var version = new ReplicaVersion("k", "v1", DateTimeOffset.UtcNow, "paris", false, 0, "d41d8cd98f00b204e9800998ecf8427e", StoredAttributes.Empty, null, null, null, null);
        return _channel.PutAsync(
            "local",
            "api/" + ReplicaHeaders.SealedRoute + bucket,
            request =>
            {
                request.Headers.TryAddWithoutValidation(ReplicaHeaders.Version, Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(version, Json)));
                request.Headers.TryAddWithoutValidation(ReplicaHeaders.Owner, "000000000000");
                request.Content = new ByteArrayContent(body);
            },
            _ => PushResult.Delivered,
            CancellationToken.None);
    }

    private static byte[] Prefixed(ReplicaTerms terms)
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(terms, Json);
        byte[] body = new byte[4 + json.Length];
        BinaryPrimitives.WriteUInt32BigEndian(body, (uint)json.Length);
        json.CopyTo(body, 4);
        return body;
    }
}

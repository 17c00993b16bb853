using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Nuage.Metadata;
using Nuage.Regions.Federation;
using Nuage.Regions.Replication;
using Nuage.Storage.Encryption;
using Nuage.Storage.Replication;
using Xunit;

namespace Nuage.Regions.Tests;

/// <summary>
/// Pushes toward a region that runs a Nuage older than the sealed route, over real HTTP (docs/replication.md
/// "Upgrading a federation"): a version to be encrypted there (SSE-S3, SSE-KMS, SSE-C) goes to the sealed route, its
/// terms leading the body, so the old region answers 404 NoSuchRoute and the push waits for its upgrade instead of
/// the version being stored in the clear; a plain version keeps the old route and still replicates.
/// </summary>
public sealed class ReplicaPusherTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private OlderRegionConsole _dubai = null!;
    private HttpClient _http = null!;
    private ReplicaPusher _pusher = null!;

    public async Task InitializeAsync()
    {
        _dubai = await OlderRegionConsole.StartAsync();
        var paris = new FederationRegion("paris", new Uri("http://127.0.0.1:1/"), new Uri("http://127.0.0.1:2/"));
        var dubai = new FederationRegion("dubai", new Uri("http://127.0.0.1:3/"), _dubai.Endpoint);
        var membership = new FederationMembership(new FederationConfig([paris, dubai], paris, paris), "paris");
        _http = new HttpClient();
        var channel = new FederationPushChannel(membership, _http, "AKIDEXAMPLE", "secret", TimeProvider.System);

        // Every push here goes to another region: the local store (ReplicaService) is never reached.
        _pusher = new ReplicaPusher(null!, membership, channel);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _dubai.DisposeAsync();
    }

    public static TheoryData<string> EncryptedKinds => ["SSE-S3", "SSE-KMS", "SSE-C"];

    [Theory]
    [MemberData(nameof(EncryptedKinds))]
    public async Task An_encrypted_version_waits_for_the_upgrade_of_an_older_region_and_is_not_stored_there(string kind)
    {
        byte[] plaintext = Encoding.UTF8.GetBytes("the version's bytes");

        // An SSE-C version crosses as its ciphertext, longer than the plaintext the version's size counts.
        byte[] sent = kind == "SSE-C" ? [.. plaintext, .. new byte[16]] : plaintext;
        var terms = kind switch
        {
            "SSE-S3" => new ReplicaTerms(ServerSideEncryption.S3ManagedKey),
            "SSE-KMS" => new ReplicaTerms(ServerSideEncryption.KmsKey, ReplicaKmsKeyId: "dubai-key"),
            _ => new ReplicaTerms(
                ServerSideEncryption.CustomerKey, CustomerEnvelope: [1, 2, 3], CustomerSegments: [new BlobSegment(Guid.NewGuid(), plaintext.Length)]),
        };

        var result = await PushAsync("b", plaintext, sent, terms);

        Assert.Equal(PushOutcome.Retry, result.Outcome);
        Assert.Contains("dubai runs an older Nuage", result.Error, StringComparison.Ordinal);
        Assert.Contains("upgrade it", result.Error, StringComparison.Ordinal);
        Assert.Empty(_dubai.Stored);

        // What crossed: the sealed route, no terms header, and the body [length][terms JSON][bytes], its length declared.
        var push = Assert.Single(_dubai.Received);
        Assert.Equal("/api/" + ReplicaHeaders.SealedRoute + "b", push.Path);
        Assert.False(push.Headers.ContainsKey(ReplicaHeaders.Terms));
        Assert.Equal("000000000000", push.Headers[ReplicaHeaders.Owner]);
        Assert.True(push.Headers.ContainsKey(ReplicaHeaders.Version));
        byte[] termsJson = JsonSerializer.SerializeToUtf8Bytes(terms, Json);
        Assert.Equal(4 + termsJson.Length + sent.Length, push.ContentLength);
        Assert.Equal(termsJson.Length, (int)BinaryPrimitives.ReadUInt32BigEndian(push.Body));
        Assert.Equal(termsJson, push.Body[4..(4 + termsJson.Length)]);
        Assert.Equal(sent, push.Body[(4 + termsJson.Length)..]);
    }

    [Fact]
    public async Task A_plain_version_keeps_the_old_route_and_replicates_to_an_older_region()
    {
        byte[] bytes = Encoding.UTF8.GetBytes("plain bytes");
        var terms = new ReplicaTerms(DestinationAccount: "111111111111", OwnerTranslation: true);

        var result = await PushAsync("b", bytes, bytes, terms);

        Assert.Equal(PushOutcome.Delivered, result.Outcome);
        var (bucket, stored) = Assert.Single(_dubai.Stored);
        Assert.Equal("b", bucket);
        Assert.Equal(bytes, stored);
        var push = Assert.Single(_dubai.Received);
        Assert.Equal("/api/federation/replicas/b", push.Path);
        Assert.Equal(terms, JsonSerializer.Deserialize<ReplicaTerms>(Convert.FromBase64String(push.Headers[ReplicaHeaders.Terms]), Json));
    }

    [Fact]
    public async Task A_push_to_a_bucket_the_region_does_not_have_is_refused()
    {
        byte[] bytes = Encoding.UTF8.GetBytes("plain bytes");

        var result = await PushAsync(OlderRegionConsole.MissingBucket, bytes, bytes, new ReplicaTerms());

        Assert.Equal(PushOutcome.Refused, result.Outcome);
        Assert.Contains("NoSuchBucket", result.Error, StringComparison.Ordinal);
    }

    private async Task<PushResult> PushAsync(string bucket, byte[] plaintext, byte[] sent, ReplicaTerms terms)
    {
        var version = new ReplicaVersion(
            "k", "v1", DateTimeOffset.UtcNow, "paris", false, plaintext.Length, "d41d8cd98f00b204e9800998ecf8427e", StoredAttributes.Empty, null, null, null, null);
        await using var source = new ReplicaSource(
            version, new InMemoryObjectContent(sent), terms.Encryption == ServerSideEncryption.CustomerKey ? terms : null, sent.Length);
        return await _pusher.PushAsync(source, bucket, "dubai", "000000000000", terms, CancellationToken.None);
    }
}

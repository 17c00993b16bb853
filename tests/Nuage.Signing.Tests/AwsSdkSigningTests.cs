using System.IO.Hashing;
using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Nuage.Iam;

namespace Nuage.Signing.Tests;

/// <summary>
/// Requests signed by the real AWS SDK for .NET, captured by an in-memory HTTP handler (no socket) and verified
/// by <see cref="SigV4Authenticator"/>: the SDK's own canonicalization, chunk framing and trailer signing.
/// </summary>
public sealed class AwsSdkSigningTests
{
    private const string AccessKey = "NUAGETESTACCESSKEY01";
    private const string Secret = "nuage/test+secret/0123456789abcdefghijklm";

    [Theory]
    [InlineData("https://s3.nuage.test")]
    [InlineData("http://s3.nuage.test")]
    public async Task Put_object_from_the_sdk_verifies_and_carries_its_crc32(string endpoint)
    {
        // Over https the SDK streams STREAMING-UNSIGNED-PAYLOAD-TRAILER; over http it signs every chunk and the trailer.
        var data = new byte[300_000];
        new Random(7).NextBytes(data);
        var handler = new VerifyingHandler();
        using var client = CreateClient(endpoint, handler);

        await client.PutObjectAsync(new PutObjectRequest { BucketName = "bucket", Key = "dir/a b+c~$é.bin", InputStream = new MemoryStream(data) });

        var seen = Assert.Single(handler.Requests);
        Assert.Null(seen.Error);
        Assert.Equal(data, seen.Body);
        Assert.StartsWith("STREAMING-", seen.ContentSha256, StringComparison.Ordinal);
        Assert.Equal(Convert.ToBase64String(Crc32.Hash(data).Reverse().ToArray()), seen.Crc32Trailer);
    }

    [Fact]
    public async Task Get_and_list_requests_from_the_sdk_verify()
    {
        var handler = new VerifyingHandler();
        using var client = CreateClient("https://s3.nuage.test", handler);

        await client.GetObjectAsync(new GetObjectRequest { BucketName = "bucket", Key = "weird key/(1)!*'.txt", ByteRange = new ByteRange(0, 9) });
        await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "bucket", Prefix = "a b/c", Delimiter = "/", MaxKeys = 5 });

        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Null(r.Error));
    }

    [Fact]
    public async Task Presigned_url_from_the_sdk_verifies()
    {
        using var client = CreateClient("https://s3.nuage.test", new VerifyingHandler());
        var url = await client.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = "bucket",
            Key = "folder/file name.txt",
            Expires = DateTime.UtcNow.AddMinutes(10),
            Verb = HttpVerb.GET,
        });
        var uri = new Uri(url);

        var request = TestRequests.Create("GET", uri.PathAndQuery, [("Host", uri.Authority)]);
        var result = Authenticator().Authenticate(request);

        Assert.Equal(AccessKey, result.Principal?.AccessKeyId);
    }

    private static SigV4Authenticator Authenticator() =>
        new(new StaticCredentialResolver(new AccessKeyCredential(AccessKey, Secret, new Principal("acct", AccessKey, "sdk"))), TimeProvider.System, service: "s3");

    private static AmazonS3Client CreateClient(string endpoint, VerifyingHandler handler) =>
        new(new BasicAWSCredentials(AccessKey, Secret), new AmazonS3Config
        {
            ServiceURL = endpoint,
            ForcePathStyle = true,
            AuthenticationRegion = "local",
            MaxErrorRetry = 0,
            HttpClientFactory = new HandlerFactory(handler),
        });

    private sealed record SeenRequest(string ContentSha256, byte[]? Body, string? Crc32Trailer, Exception? Error);

    private sealed class HandlerFactory(HttpMessageHandler handler) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);
    }

    /// <summary>Turns the SDK's HttpRequestMessage into the HttpRequest Kestrel would build, authenticates it and reads its body.</summary>
    private sealed class VerifyingHandler : HttpMessageHandler
    {
        public List<SeenRequest> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage message, CancellationToken cancellationToken)
        {
            var context = new DefaultHttpContext();
            var feature = context.Features.Get<IHttpRequestFeature>()!;
            var uri = message.RequestUri!;
            feature.Method = message.Method.Method;
            feature.RawTarget = uri.PathAndQuery;
            feature.Path = uri.AbsolutePath;
            feature.QueryString = uri.Query;
            var headers = context.Request.Headers;
            headers.Host = message.Headers.Host ?? uri.Authority;
            foreach (var header in message.Headers.Where(h => h.Key != "Host"))
            {
                headers.Append(header.Key, header.Value.ToArray());
            }

            if (message.Content is not null)
            {
                foreach (var header in message.Content.Headers)
                {
                    headers.Append(header.Key, header.Value.ToArray());
                }

                context.Request.Body = await message.Content.ReadAsStreamAsync(cancellationToken);
            }

            try
            {
                var result = Authenticator().Authenticate(context.Request);
                var body = await TestRequests.ReadAllAsync(result.Body);
                Requests.Add(new SeenRequest(headers["x-amz-content-sha256"].ToString(), body, result.GetTrailer("x-amz-checksum-crc32"), null));
            }
            catch (Exception e)
            {
                Requests.Add(new SeenRequest(headers["x-amz-content-sha256"].ToString(), null, null, e));
            }

            var response = new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = message, Content = new ByteArrayContent([]) };
            response.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue("\"0123456789abcdef0123456789abcdef\"");
            return response;
        }
    }
}

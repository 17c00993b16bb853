using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Sdk;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Cors;

/// <summary>
/// Cross-origin requests as a browser sends them, with a plain HttpClient: the unsigned OPTIONS preflight
/// ("Appendix: OPTIONS object") and the actual request carrying Origin, against a bucket configured through the SDK.
/// </summary>
public sealed class CorsRequestTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private const string Site = "https://app.example.com";

    private static readonly HttpClient Http = new(new SocketsHttpHandler { AllowAutoRedirect = false });

    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    [Fact]
    public async Task An_allowed_preflight_gets_the_rules_headers_without_credentials()
    {
        var bucket = await ConfiguredBucketAsync("cors-pre");
        using var response = await PreflightAsync(bucket + "/dir/file.txt", Site, "PUT", "Content-Type, X-Amz-Meta-Color");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Site, Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Header(response, "Access-Control-Allow-Credentials"));
        Assert.Equal("GET, PUT", Header(response, "Access-Control-Allow-Methods"));
        Assert.Equal("content-type, x-amz-meta-color", Header(response, "Access-Control-Allow-Headers"));
        Assert.Equal("ETag, x-amz-request-id", Header(response, "Access-Control-Expose-Headers"));
        Assert.Equal("600", Header(response, "Access-Control-Max-Age"));
        Assert.Contains("Origin", response.Headers.Vary);

        // The bucket itself may be the target, as for a browser's ListObjects.
        using var onBucket = await PreflightAsync(bucket, Site, "GET", null);
        Assert.Equal(HttpStatusCode.OK, onBucket.StatusCode);
    }

    [Fact]
    public async Task A_wildcard_origin_admits_its_subdomains_and_a_star_admits_every_origin()
    {
        var bucket = await ConfiguredBucketAsync("cors-wild");
        using var sub = await PreflightAsync(bucket + "/k", "https://cdn.example.com", "GET", null);
        Assert.Equal(HttpStatusCode.OK, sub.StatusCode);
        Assert.Equal("https://cdn.example.com", Header(sub, "Access-Control-Allow-Origin"));
        Assert.Equal("GET", Header(sub, "Access-Control-Allow-Methods"));

        using var apex = await PreflightAsync(bucket + "/k", "https://example.com", "GET", null);
        await RawS3.AssertErrorAsync(apex, HttpStatusCode.Forbidden, "AccessForbidden");

        using var any = await PreflightAsync(bucket + "/k", "https://elsewhere.test", "HEAD", null);
        Assert.Equal(HttpStatusCode.OK, any.StatusCode);
        Assert.Equal("*", Header(any, "Access-Control-Allow-Origin"));
        Assert.Null(Header(any, "Access-Control-Allow-Credentials"));
    }

    [Theory]
    [InlineData("https://evil.test", "GET", null)]
    [InlineData(Site, "DELETE", null)]
    [InlineData(Site, "PUT", "authorization")]
    public async Task A_preflight_no_rule_admits_is_403_AccessForbidden_without_CORS_headers(string origin, string method, string? headers)
    {
        var bucket = await ConfiguredBucketAsync("cors-deny");
        using var response = await PreflightAsync(bucket + "/k", origin, method, headers);
        var error = await RawS3.AssertErrorAsync(response, HttpStatusCode.Forbidden, "AccessForbidden");
        Assert.StartsWith("CORSResponse: ", error.Element("Message")!.Value, StringComparison.Ordinal);
        Assert.Null(Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_bucket_without_CORS_refuses_every_preflight_and_incomplete_ones_are_400()
    {
        var bucket = await fixture.CreateBucketAsync("cors-off");
        using var off = await PreflightAsync(bucket + "/k", Site, "GET", null);
        var error = await RawS3.AssertErrorAsync(off, HttpStatusCode.Forbidden, "AccessForbidden");
        Assert.Equal("CORSResponse: CORS is not enabled for this bucket.", error.Element("Message")!.Value);

        using var noOrigin = await PreflightAsync(bucket + "/k", null, "GET", null);
        await RawS3.AssertErrorAsync(noOrigin, HttpStatusCode.BadRequest, "BadRequest");
        using var noMethod = await PreflightAsync(bucket + "/k", Site, null, null);
        await RawS3.AssertErrorAsync(noMethod, HttpStatusCode.BadRequest, "BadRequest");
    }

    [Fact]
    public async Task An_actual_request_with_an_admitted_Origin_gets_the_headers_and_others_do_not()
    {
        var bucket = await ConfiguredBucketAsync("cors-get");
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "page.json", ContentBody = "{}" });
        var path = "/" + bucket + "/page.json";

        using var cross = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Get, path, headers: new Dictionary<string, string> { ["Origin"] = Site });
        Assert.Equal(HttpStatusCode.OK, cross.StatusCode);
        Assert.Equal(Site, Header(cross, "Access-Control-Allow-Origin"));
        Assert.Equal("ETag, x-amz-request-id", Header(cross, "Access-Control-Expose-Headers"));
        Assert.Equal("GET, PUT", Header(cross, "Access-Control-Allow-Methods"));
        Assert.Contains("Origin", cross.Headers.Vary);
        Assert.Equal("{}", await cross.Content.ReadAsStringAsync());

        using var same = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Null(Header(same, "Access-Control-Allow-Origin"));

        using var stranger = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Get, path, headers: new Dictionary<string, string> { ["Origin"] = "https://evil.test" });
        Assert.Equal(HttpStatusCode.OK, stranger.StatusCode);
        Assert.Null(Header(stranger, "Access-Control-Allow-Origin"));

        // An error answer keeps them, so the page can read S3's error.
        using var missing = await RawS3.SendSignedAsync(
            fixture.Endpoint, HttpMethod.Get, "/" + bucket + "/missing", headers: new Dictionary<string, string> { ["Origin"] = Site });
        await RawS3.AssertErrorAsync(missing, HttpStatusCode.NotFound, "NoSuchKey");
        Assert.Equal(Site, Header(missing, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_presigned_put_from_a_page_passes_its_preflight_and_exposes_the_ETag()
    {
        var bucket = await ConfiguredBucketAsync("cors-presign");
        var url = new Uri(await _s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = bucket, Key = "upload.txt", Verb = HttpVerb.PUT, Protocol = Protocol.HTTP, Expires = DateTime.UtcNow.AddMinutes(10),
        }));

        // The browser preflights the very URL, signature query included, with no credentials of its own.
        using var preflight = new HttpRequestMessage(HttpMethod.Options, url);
        preflight.Headers.TryAddWithoutValidation("Origin", Site);
        preflight.Headers.TryAddWithoutValidation("Access-Control-Request-Method", "PUT");
        preflight.Headers.TryAddWithoutValidation("Access-Control-Request-Headers", "content-type");
        using var allowed = await Http.SendAsync(preflight);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(Site, Header(allowed, "Access-Control-Allow-Origin"));

        using var put = new HttpRequestMessage(HttpMethod.Put, url) { Content = new StringContent("from the page") };
        put.Headers.TryAddWithoutValidation("Origin", Site);
        using var stored = await Http.SendAsync(put);
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        Assert.Equal(Site, Header(stored, "Access-Control-Allow-Origin"));
        Assert.Contains("ETag", Header(stored, "Access-Control-Expose-Headers"), StringComparison.Ordinal);
        Assert.NotNull(stored.Headers.ETag);

        var read = await _s3.GetObjectAsync(bucket, "upload.txt");
        using var reader = new StreamReader(read.ResponseStream);
        Assert.Equal("from the page", await reader.ReadToEndAsync());
    }

    private async Task<string> ConfiguredBucketAsync(string purpose)
    {
        var bucket = await fixture.CreateBucketAsync(purpose);
        await _s3.PutCORSConfigurationAsync(new PutCORSConfigurationRequest
        {
            BucketName = bucket,
            Configuration = new CORSConfiguration
            {
                Rules =
                [
                    new CORSRule
                    {
                        Id = "site", AllowedOrigins = [Site], AllowedMethods = ["GET", "PUT"], AllowedHeaders = ["content-type", "x-amz-*"],
                        ExposeHeaders = ["ETag", "x-amz-request-id"], MaxAgeSeconds = 600,
                    },
                    new CORSRule { Id = "subdomains", AllowedOrigins = ["https://*.example.com"], AllowedMethods = ["GET"] },
                    new CORSRule { Id = "anyone", AllowedOrigins = ["*"], AllowedMethods = ["HEAD"] },
                ],
            },
        });
        return bucket;
    }

    private Task<HttpResponseMessage> PreflightAsync(string path, string? origin, string? method, string? headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, new Uri(fixture.Endpoint, "/" + path));
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        if (method is not null)
        {
            request.Headers.TryAddWithoutValidation("Access-Control-Request-Method", method);
        }

        if (headers is not null)
        {
            request.Headers.TryAddWithoutValidation("Access-Control-Request-Headers", headers);
        }

        return Http.SendAsync(request);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;
}

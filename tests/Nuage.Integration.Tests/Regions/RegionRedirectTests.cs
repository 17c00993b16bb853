using System.Net;
using System.Xml.Linq;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Cli;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Regions;

/// <summary>
/// Issue 17: a request for a bucket of another region gets S3's 301 PermanentRedirect (x-amz-bucket-region, and the
/// Bucket and Endpoint in the error document), and clients find the bucket's region and succeed there.
/// </summary>
public sealed class RegionRedirectTests(ThreeRegionsFixture regions) : IClassFixture<ThreeRegionsFixture>, IDisposable
{
    private readonly TempDirectory _work = new("nuage-regions-work-");

    private LocalFederation Federation => regions.Federation;

    [Fact]
    public async Task Every_bucket_request_sent_to_the_wrong_region_is_a_301_naming_the_right_one()
    {
        var (bucket, _) = await SingaporeBucketAsync("redirect");
        var singapore = Federation.S3EndpointOf("singapore");
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        foreach (var region in new[] { "paris", "dubai" })
        {
            var endpoint = Federation[region].Endpoint;

            // Before any authentication or body: an anonymous PUT with a body is redirected as a signed GET is.
            foreach (var (method, path) in new[] { (HttpMethod.Get, $"{bucket}/greeting.txt"), (HttpMethod.Put, $"{bucket}/new.txt"), (HttpMethod.Get, $"{bucket}?list-type=2"), (HttpMethod.Delete, bucket) })
            {
                using var request = new HttpRequestMessage(method, new Uri(endpoint, path));
                if (method == HttpMethod.Put)
                {
                    request.Content = new ByteArrayContent(new byte[1024]);
                }

                using var response = await http.SendAsync(request);
                Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
                Assert.Equal("singapore", Assert.Single(response.Headers.GetValues("x-amz-bucket-region")));
                var error = XElement.Parse(await response.Content.ReadAsStringAsync());
                Assert.Equal("PermanentRedirect", error.Element("Code")?.Value);
                Assert.Equal(bucket, error.Element("Bucket")?.Value);
                Assert.Equal(singapore.Authority, error.Element("Endpoint")?.Value);
            }

            // HeadBucket: the status and the header, no body.
            using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri(endpoint, bucket)));
            Assert.Equal(HttpStatusCode.MovedPermanently, head.StatusCode);
            Assert.Equal("singapore", Assert.Single(head.Headers.GetValues("x-amz-bucket-region")));
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        }

        // A name no region holds is still NoSuchBucket.
        using var missing = await http.GetAsync(new Uri(Federation["dubai"].Endpoint, regions.NewBucketName("nowhere")));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_SDK_gets_the_redirect_finds_the_region_and_succeeds_there()
    {
        var (bucket, key) = await SingaporeBucketAsync("sdk");
        using var dubai = Federation["dubai"].CreateS3Client();

        var redirected = await Assert.ThrowsAsync<AmazonS3Exception>(() => dubai.GetObjectAsync(bucket, key));
        Assert.Equal(HttpStatusCode.MovedPermanently, redirected.StatusCode);

        // GetBucketLocation is answered by any region (from the control region's registry), as on AWS.
        var location = (await dubai.GetBucketLocationAsync(bucket)).Location.Value;
        Assert.Equal("singapore", location);

        // With custom endpoints a client maps the region to its endpoint (here: the federation file's), and succeeds.
        using var there = Federation[location].CreateS3Client(c => c.AuthenticationRegion = location);
        using var got = await there.GetObjectAsync(bucket, key);
        using var reader = new StreamReader(got.ResponseStream);
        Assert.Equal("hello from singapore", await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task Awscli_gets_the_redirect_finds_the_region_and_succeeds_there()
    {
        var (bucket, key) = await SingaporeBucketAsync("cli");
        using var dubai = new AwsCli(Federation["dubai"].Endpoint);
        var redirected = await dubai.RunAsync("s3api", "list-objects-v2", "--bucket", bucket);
        Assert.NotEqual(0, redirected.ExitCode);
        Assert.Contains("PermanentRedirect", redirected.Output, StringComparison.Ordinal);

        var location = await dubai.SucceedAsync("s3api", "get-bucket-location", "--bucket", bucket);
        Assert.Contains("\"singapore\"", location.StandardOutput, StringComparison.Ordinal);

        using var singapore = new AwsCli(Federation.S3EndpointOf("singapore"));
        var copy = Path.Combine(_work.Path, "greeting.txt");
        await singapore.SucceedAsync("s3", "cp", $"s3://{bucket}/{key}", copy, "--region", "singapore");
        Assert.Equal("hello from singapore", await File.ReadAllTextAsync(copy));
    }

    [Fact]
    public async Task A_request_signed_for_another_region_is_told_the_region_to_sign_for_and_awscli_retries_there()
    {
        var bucket = regions.NewBucketName("signed");
        using var dubai = Federation["dubai"].CreateS3Client();
        await dubai.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        await dubai.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "dubai" });

        // Signed for singapore, sent to dubai, for a bucket of dubai: AWS's AuthorizationHeaderMalformed naming dubai.
        using var misdirected = Federation["dubai"].CreateS3Client(c => c.AuthenticationRegion = "singapore");
        var refused = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => misdirected.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket }));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("AuthorizationHeaderMalformed", refused.ErrorCode);
        Assert.Equal("The authorization header is malformed; the region 'singapore' is wrong; expecting 'dubai'", refused.Message);

        // botocore reads the expected region from the error and re-signs for it: the command succeeds.
        using var cli = new AwsCli(Federation["dubai"].Endpoint);
        var listed = await cli.SucceedAsync("s3api", "list-objects-v2", "--bucket", bucket, "--region", "singapore");
        Assert.Contains("\"k\"", listed.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bucket_that_moved_costs_a_stale_cache_one_extra_hop_at_most_and_only_for_seconds()
    {
        var (bucket, _) = await SingaporeBucketAsync("moved");
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        Assert.Equal("singapore", await RedirectedToAsync(http, "dubai", bucket)); // dubai caches: singapore

        using (var singapore = Federation["singapore"].CreateS3Client())
        {
            await singapore.DeleteObjectAsync(bucket, "greeting.txt");
            await singapore.DeleteBucketAsync(bucket);
        }

        using (var paris = Federation["paris"].CreateS3Client())
        {
            await paris.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        }

        // Dubai may still send a client to singapore, which has no such bucket and asks the registry itself: the
        // client is sent on to paris. One extra hop, never a wrong answer.
        var first = await RedirectedToAsync(http, "dubai", bucket);
        Assert.True(first is "paris" or "singapore", first);
        Assert.Equal("paris", await RedirectedToAsync(http, "singapore", bucket));

        // And the stale entry expires within seconds (ControlRegionBucketDirectory.PlacementLifetime, 5 s).
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await RedirectedToAsync(http, "dubai", bucket) != "paris")
        {
            Assert.True(DateTime.UtcNow < deadline, "dubai still redirects to singapore after 15 s");
            await Task.Delay(200);
        }
    }

    private async Task<string?> RedirectedToAsync(HttpClient http, string region, string bucket)
    {
        using var response = await http.GetAsync(new Uri(Federation[region].Endpoint, bucket + "?list-type=2"));
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        return Assert.Single(response.Headers.GetValues("x-amz-bucket-region"));
    }

    public void Dispose() => _work.Dispose();

    private async Task<(string Bucket, string Key)> SingaporeBucketAsync(string purpose)
    {
        var bucket = regions.NewBucketName(purpose);
        using var singapore = Federation["singapore"].CreateS3Client();
        await singapore.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        await singapore.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "greeting.txt", ContentBody = "hello from singapore" });
        return (bucket, "greeting.txt");
    }
}

using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Access;
using Nuage.Integration.Tests.Sdk;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Cors;

/// <summary>Put/Get/DeleteBucketCors through AWSSDK.S3, with S3's errors and the s3:*BucketCORS permissions.</summary>
public sealed class CorsConfigurationTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    [Fact]
    public async Task A_configuration_round_trips_and_is_deleted()
    {
        var bucket = await fixture.CreateBucketAsync("cors-trip");
        await S3Assert.FailsAsync("NoSuchCORSConfiguration", HttpStatusCode.NotFound, () => _s3.GetCORSConfigurationAsync(bucket));

        var put = await _s3.PutCORSConfigurationAsync(new PutCORSConfigurationRequest
        {
            BucketName = bucket,
            Configuration = new CORSConfiguration
            {
                Rules =
                [
                    new CORSRule
                    {
                        Id = "uploads", AllowedMethods = ["PUT", "POST"], AllowedOrigins = ["https://*.example.com"],
                        AllowedHeaders = ["content-type", "x-amz-*"], ExposeHeaders = ["ETag"], MaxAgeSeconds = 3000,
                    },
                    new CORSRule { AllowedMethods = ["GET", "HEAD"], AllowedOrigins = ["*"] },
                ],
            },
        });
        Assert.Equal(HttpStatusCode.OK, put.HttpStatusCode);

        var got = (await _s3.GetCORSConfigurationAsync(bucket)).Configuration;
        Assert.Equal(2, got.Rules.Count);
        var first = got.Rules[0];
        Assert.Equal("uploads", first.Id);
        Assert.Equal(["PUT", "POST"], first.AllowedMethods);
        Assert.Equal(["https://*.example.com"], first.AllowedOrigins);
        Assert.Equal(["content-type", "x-amz-*"], first.AllowedHeaders);
        Assert.Equal(["ETag"], first.ExposeHeaders);
        Assert.Equal(3000, first.MaxAgeSeconds);
        Assert.Equal(["GET", "HEAD"], got.Rules[1].AllowedMethods);
        Assert.Equal(["*"], got.Rules[1].AllowedOrigins);

        // A second put replaces the configuration ("If the configuration exists, Amazon S3 replaces it").
        await _s3.PutCORSConfigurationAsync(new PutCORSConfigurationRequest
        {
            BucketName = bucket,
            Configuration = new CORSConfiguration { Rules = [new CORSRule { AllowedMethods = ["DELETE"], AllowedOrigins = ["https://a.test"] }] },
        });
        Assert.Equal(["DELETE"], Assert.Single((await _s3.GetCORSConfigurationAsync(bucket)).Configuration.Rules).AllowedMethods);

        Assert.Equal(HttpStatusCode.NoContent, (await _s3.DeleteCORSConfigurationAsync(bucket)).HttpStatusCode);
        await S3Assert.FailsAsync("NoSuchCORSConfiguration", HttpStatusCode.NotFound, () => _s3.GetCORSConfigurationAsync(bucket));
        Assert.Equal(HttpStatusCode.NoContent, (await _s3.DeleteCORSConfigurationAsync(bucket)).HttpStatusCode);
    }

    [Fact]
    public async Task An_unsupported_method_is_InvalidRequest_and_a_rule_without_origin_MalformedXML()
    {
        var bucket = await fixture.CreateBucketAsync("cors-bad");
        var error = await S3Assert.FailsAsync("InvalidRequest", HttpStatusCode.BadRequest, () => _s3.PutCORSConfigurationAsync(new PutCORSConfigurationRequest
        {
            BucketName = bucket,
            Configuration = new CORSConfiguration { Rules = [new CORSRule { AllowedMethods = ["PATCH"], AllowedOrigins = ["*"] }] },
        }));
        Assert.Equal("Found unsupported HTTP method in CORS config. Unsupported method is PATCH", error.Message);

        await S3Assert.FailsAsync("InvalidRequest", HttpStatusCode.BadRequest, () => _s3.PutCORSConfigurationAsync(new PutCORSConfigurationRequest
        {
            BucketName = bucket,
            Configuration = new CORSConfiguration { Rules = [new CORSRule { AllowedMethods = ["GET"], AllowedOrigins = ["https://*.*.example.com"] }] },
        }));

        var malformed = await RawS3.SendSignedAsync(
            fixture.Endpoint, HttpMethod.Put, "/" + bucket, [("cors", "")],
            "<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>"u8.ToArray());
        await RawS3.AssertErrorAsync(malformed, HttpStatusCode.BadRequest, "MalformedXML");

        var tooMany = "<CORSConfiguration>"
            + string.Concat(Enumerable.Repeat("<CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule>", 101))
            + "</CORSConfiguration>";
        var refused = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Put, "/" + bucket, [("cors", "")], System.Text.Encoding.UTF8.GetBytes(tooMany));
        await RawS3.AssertErrorAsync(refused, HttpStatusCode.BadRequest, "MalformedXML");

        // Nothing was stored by the refused puts.
        await S3Assert.FailsAsync("NoSuchCORSConfiguration", HttpStatusCode.NotFound, () => _s3.GetCORSConfigurationAsync(bucket));
        await S3Assert.FailsAsync("NoSuchBucket", HttpStatusCode.NotFound, () => _s3.GetCORSConfigurationAsync(fixture.NewBucketName("cors-none")));
    }

    [Fact]
    public async Task A_user_needs_s3_PutBucketCORS_to_set_or_delete_it_and_s3_GetBucketCORS_to_read_it()
    {
        var account = await TestAccount.CreateAsync(fixture, "cors-perm");
        using var root = account.S3(fixture);
        var bucket = fixture.NewBucketName("cors-perm");
        await root.PutBucketAsync(bucket);

        using var reader = await account.UserAsync(fixture, "reader", TestAccount.AllowPolicy("s3:GetBucketCORS", "arn:aws:s3:::" + bucket));
        using var writer = await account.UserAsync(fixture, "writer", TestAccount.AllowPolicy("s3:PutBucketCORS", "arn:aws:s3:::" + bucket));
        var request = new PutCORSConfigurationRequest
        {
            BucketName = bucket,
            Configuration = new CORSConfiguration { Rules = [new CORSRule { AllowedMethods = ["GET"], AllowedOrigins = ["*"] }] },
        };

        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => reader.PutCORSConfigurationAsync(request));
        Assert.Equal(HttpStatusCode.OK, (await writer.PutCORSConfigurationAsync(request)).HttpStatusCode);
        Assert.Single((await reader.GetCORSConfigurationAsync(bucket)).Configuration.Rules);
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => writer.GetCORSConfigurationAsync(bucket));
        await S3Assert.FailsAsync("AccessDenied", HttpStatusCode.Forbidden, () => reader.DeleteCORSConfigurationAsync(bucket));
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteCORSConfigurationAsync(bucket)).HttpStatusCode);
    }
}

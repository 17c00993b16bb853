using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Admin;
using Xunit;

namespace Nuage.Integration.Tests.Regions;

/// <summary>
/// Issue 17: the control region's registry of bucket names is the operator's alone (the root key every region of the
/// federation shares), as is its identity feed, and names are global across accounts too: another account's name is
/// BucketAlreadyExists.
/// </summary>
public sealed class BucketRegistryAccessTests(ThreeRegionsFixture regions) : IClassFixture<ThreeRegionsFixture>
{
    [Fact]
    public async Task A_name_held_by_another_account_in_another_region_is_BucketAlreadyExists()
    {
        var federation = regions.Federation;
        using var dubaiAdmin = AdminApi.AsOperator(federation["dubai"].ConsoleEndpoint);
        var created = (await dubaiAdmin.PostAsync("/api/accounts", new { name = "tenant-" + Guid.NewGuid().ToString("N")[..8] })).Expect(HttpStatusCode.Created);
        var tenant = new BasicAWSCredentials(created.String("rootAccessKey", "accessKeyId"), created.String("rootAccessKey", "secretAccessKey"));
        using var tenantInDubai = federation["dubai"].CreateS3Client(tenant);
        var name = regions.NewBucketName("tenant");
        await tenantInDubai.PutBucketAsync(new PutBucketRequest { BucketName = name });

        using var operatorInSingapore = federation["singapore"].CreateS3Client();
        var taken = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => operatorInSingapore.PutBucketAsync(new PutBucketRequest { BucketName = name }));
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal("BucketAlreadyExists", taken.ErrorCode);

        // The tenant's ListBuckets in Dubai shows its bucket; the operator's anywhere does not.
        var operatorsList = await operatorInSingapore.ListBucketsAsync(new ListBucketsRequest());
        Assert.DoesNotContain(operatorsList.Buckets ?? [], b => b.BucketName == name);
        Assert.Contains((await tenantInDubai.ListBucketsAsync(new ListBucketsRequest())).Buckets, b => b.BucketName == name && b.BucketRegion == "dubai");

        // The tenant's account, created through Dubai, is the control region's and known everywhere: in Singapore a
        // request for its bucket is redirected home, and its ListBuckets shows the bucket with its region.
        using var tenantInSingapore = federation["singapore"].CreateS3Client(tenant);
        var redirected = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => tenantInSingapore.ListObjectsV2Async(new ListObjectsV2Request { BucketName = name }));
        Assert.Equal(HttpStatusCode.MovedPermanently, redirected.StatusCode);
        await FederatedIdentities.EventuallyAsync(
            () => FederatedIdentities.AcceptsAsync(federation["singapore"], tenant.GetCredentials().AccessKey, tenant.GetCredentials().SecretKey),
            "singapore takes the tenant's key");
        Assert.Contains((await tenantInSingapore.ListBucketsAsync(new ListBucketsRequest())).Buckets, b => b.BucketName == name && b.BucketRegion == "dubai");
    }

    [Fact]
    public async Task Only_the_operator_reaches_the_registry_and_only_at_the_control_region()
    {
        var federation = regions.Federation;
        using var parisAdmin = AdminApi.AsOperator(federation["paris"].ConsoleEndpoint);
        var created = (await parisAdmin.PostAsync("/api/accounts", new { name = "outsider-" + Guid.NewGuid().ToString("N")[..8] })).Expect(HttpStatusCode.Created);
        using var outsider = new AdminApi(
            federation["paris"].ConsoleEndpoint, created.String("rootAccessKey", "accessKeyId"), created.String("rootAccessKey", "secretAccessKey"));
        var name = regions.NewBucketName("forged");

        // An account's own root key cannot claim, free or look up names.
        (await outsider.PostAsync("/api/federation/buckets", new { name, owner = "000000000000", region = "dubai" })).ExpectError(HttpStatusCode.Forbidden, "AccessDenied");
        (await outsider.GetAsync($"/api/federation/buckets/{name}")).ExpectError(HttpStatusCode.Forbidden, "AccessDenied");

        // Nor read the identity feed, which carries every account's keys (sealed under the operator's root secret).
        (await outsider.GetAsync("/api/federation/identities")).ExpectError(HttpStatusCode.Forbidden, "AccessDenied");

        // Unsigned requests are refused before routing.
        using var http = new HttpClient();
        using var unsigned = await http.PostAsync(new Uri(federation["paris"].ConsoleEndpoint, "api/federation/buckets"), new StringContent("{}"));
        Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);

        // The operator can; a region that names itself wrongly is refused; a member region keeps no registry.
        (await parisAdmin.PostAsync("/api/federation/buckets", new { name, owner = "000000000000", region = "lyon" })).ExpectError(HttpStatusCode.BadRequest, "InvalidInput");
        (await parisAdmin.GetAsync($"/api/federation/buckets/{name}")).ExpectError(HttpStatusCode.NotFound, "NoSuchBucket");
        using var dubaiAdmin = AdminApi.AsOperator(federation["dubai"].ConsoleEndpoint);
        (await dubaiAdmin.GetAsync($"/api/federation/buckets/{name}")).ExpectError(HttpStatusCode.BadRequest, "InvalidInput");
        (await dubaiAdmin.GetAsync("/api/federation/identities")).ExpectError(HttpStatusCode.BadRequest, "InvalidInput");

        // The operator's feed at the control region: every account, the generation to ask again with, and no secret in
        // plain text (each is sealed, base64, under a key derived from the root secret).
        var feed = (await parisAdmin.GetAsync("/api/federation/identities")).Expect(HttpStatusCode.OK);
        Assert.Contains(":", feed.String("generation"), StringComparison.Ordinal);
        Assert.Contains(feed.Json.GetProperty("accounts").EnumerateArray(), a => a.GetProperty("id").GetString() == created.String("account", "id"));
        Assert.DoesNotContain(created.String("rootAccessKey", "secretAccessKey"), feed.Text, StringComparison.Ordinal);
    }
}

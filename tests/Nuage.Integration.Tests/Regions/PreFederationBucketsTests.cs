using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Admin;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Regions;

/// <summary>
/// Issue 17: a region that ran alone and then joins a federation brings buckets the control region's registry does
/// not know; its sweep registers them (docs/regions.md, "Reconciling names"), so no other region can take their names.
/// </summary>
public sealed class PreFederationBucketsTests
{
    [Fact]
    public async Task Buckets_a_region_had_before_joining_are_registered_and_their_names_held()
    {
        await using var federation = await LocalFederation.StartAsync(
            ThreeRegionsFixture.Names, start: ["paris", "singapore"], environment: new Dictionary<string, string?> { ["NUAGE_BUCKET_NAME_SWEEP_SECONDS"] = "1" });
        string legacy = "legacy-" + Guid.NewGuid().ToString("N")[..10];

        // Dubai alone first, on the data directory it will keep in the federation.
        await using (var alone = await NuageProcess.StartAsync(federation.DataDirectoryOf("dubai")))
        {
            using var s3 = alone.CreateS3Client();
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = legacy });
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = legacy, Key = "old.txt", ContentBody = "from before" });
        }

        await federation.StartRegionAsync("dubai");
        using var operatorApi = AdminApi.AsOperator(federation["paris"].ConsoleEndpoint);
        await FederatedIdentities.EventuallyAsync(
            async () => (await operatorApi.GetAsync($"/api/federation/buckets/{legacy}")).Status == HttpStatusCode.OK,
            "the control region registers dubai's bucket");
        var placement = (await operatorApi.GetAsync($"/api/federation/buckets/{legacy}")).Expect(HttpStatusCode.OK);
        Assert.Equal("dubai", placement.String("region"));
        await FederatedIdentities.EventuallyAsync(
            () => Task.FromResult(federation["dubai"].Output.Any(line => line.Contains($"Bucket name {legacy} ", StringComparison.Ordinal) && line.Contains("registered", StringComparison.Ordinal))),
            "dubai logs the registration");

        // The name is held: Singapore cannot make a bucket of it, and Dubai's data is where it was.
        using (var singapore = federation["singapore"].CreateS3Client())
        {
            var refused = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => singapore.PutBucketAsync(new PutBucketRequest { BucketName = legacy }));
            Assert.Contains(refused.ErrorCode, new[] { "BucketAlreadyOwnedByYou", "BucketAlreadyExists" });
        }

        using (var dubai = federation["dubai"].CreateS3Client())
        {
            using var old = await dubai.GetObjectAsync(legacy, "old.txt");
            Assert.Equal("from before", await new StreamReader(old.ResponseStream).ReadToEndAsync());
        }

        foreach (var region in ThreeRegionsFixture.Names)
        {
            federation[region].AssertNoErrors();
        }
    }
}

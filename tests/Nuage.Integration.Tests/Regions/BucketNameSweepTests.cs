using System.Diagnostics;
using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Admin;
using Nuage.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Nuage.Integration.Tests.Regions;

/// <summary>
/// Issue 17: a bucket deleted in a member region while the control region is out of reach leaves its name held at
/// the control region; the member region's reconciling sweep (docs/regions.md, "Reconciling names") releases it once
/// the control region is back, and keeps the names of the buckets it has.
/// </summary>
public sealed class BucketNameSweepTests(ITestOutputHelper output)
{
    private const int SweepSeconds = 1;

    [Fact]
    public async Task A_name_left_held_by_a_delete_while_cut_off_is_free_again_within_a_sweep_interval()
    {
        await using var federation = await LocalFederation.StartAsync(
            ThreeRegionsFixture.Names, environment: new Dictionary<string, string?> { ["NUAGE_BUCKET_NAME_SWEEP_SECONDS"] = SweepSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var suffix = Guid.NewGuid().ToString("N")[..10];

        // "kept" sorts before "orphan": a pass that releases the orphan has looked at the kept bucket already.
        string kept = "kept-" + suffix, orphan = "orphan-" + suffix;
        using (var dubai = federation["dubai"].CreateS3Client())
        {
            await dubai.PutBucketAsync(new PutBucketRequest { BucketName = kept });
            await dubai.PutBucketAsync(new PutBucketRequest { BucketName = orphan });
        }

        // Another account, whose key Singapore takes: it will want both names.
        var other = await FederatedIdentities.CreateAccountAsync(federation["paris"].ConsoleEndpoint, "sweeper");
        await FederatedIdentities.EventuallyAsync(() => FederatedIdentities.AcceptsAsync(federation["singapore"], other.KeyId, other.Secret), "singapore takes the new key");
        using var singapore = federation["singapore"].CreateS3Client(new BasicAWSCredentials(other.KeyId, other.Secret));
        Assert.Equal("BucketAlreadyExists", (await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => singapore.PutBucketAsync(new PutBucketRequest { BucketName = orphan }))).ErrorCode);

        // Said before this outage too when a pass ran while Paris was still starting (a first outage of its own).
        var saidBefore = OutageLines(federation["dubai"]);
        await federation.StopRegionAsync("paris");
        using (var dubai = federation["dubai"].CreateS3Client())
        {
            // Deleted here, answered 204; the release cannot reach Paris.
            await dubai.DeleteBucketAsync(orphan);
        }

        await federation.StartRegionAsync("paris");
        var back = Stopwatch.StartNew();

        // Singapore can have the name once Dubai's sweep has released it: within one interval of Paris answering
        // (plus the time a pass and a create take).
        var released = await FederatedIdentities.EventuallyAsync(
            async () =>
            {
                try
                {
                    await singapore.PutBucketAsync(new PutBucketRequest { BucketName = orphan });
                    return true;
                }
                catch (AmazonS3Exception e) when (e.ErrorCode == "BucketAlreadyExists")
                {
                    return false;
                }
            },
            "the orphaned name becomes free");
        output.WriteLine($"name free {back.Elapsed.TotalSeconds:F1} s after the control region was started again (sweep every {SweepSeconds} s)");
        Assert.True(released < TimeSpan.FromSeconds(SweepSeconds + 5), $"took {released}");

        // The sweep released it (not anything else), and it is now Singapore's, for the other account.
        Assert.Contains(federation["dubai"].Output, line => line.Contains($"Bucket name {orphan} ", StringComparison.Ordinal) && line.Contains("released", StringComparison.Ordinal));
        using (var operatorApi = AdminApi.AsOperator(federation["paris"].ConsoleEndpoint))
        {
            var placement = (await operatorApi.GetAsync($"/api/federation/buckets/{orphan}")).Expect(HttpStatusCode.OK);
            Assert.Equal("singapore", placement.String("region"));
        }

        // The bucket Dubai has kept its name through the same passes.
        Assert.Equal("BucketAlreadyExists", (await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => singapore.PutBucketAsync(new PutBucketRequest { BucketName = kept }))).ErrorCode);
        Assert.DoesNotContain(federation["dubai"].Output, line => line.Contains($"Bucket name {kept} ", StringComparison.Ordinal));
        using (var dubai = federation["dubai"].CreateS3Client())
        {
            await dubai.PutObjectAsync(new PutObjectRequest { BucketName = kept, Key = "still.txt", ContentBody = "mine" });
        }

        // The outage was said at most once, not once per pass.
        Assert.InRange(OutageLines(federation["dubai"]) - saidBefore, 0, 1);
        foreach (var region in ThreeRegionsFixture.Names)
        {
            federation[region].AssertNoErrors();
        }
    }

    private static int OutageLines(NuageProcess region) =>
        region.Output.Count(l => l.Contains("Bucket names cannot be reconciled", StringComparison.Ordinal));
}

using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Regions;

/// <summary>
/// Issue 17: bucket names are global across a federation (the control region's registry decides), a bucket lives in
/// the region it was created in, and ListBuckets shows an account's buckets of every region.
/// </summary>
public sealed class GlobalBucketNamesTests(ThreeRegionsFixture regions) : IClassFixture<ThreeRegionsFixture>
{
    private LocalFederation Federation => regions.Federation;

    [Fact]
    public async Task Two_regions_racing_for_one_name_have_exactly_one_winner()
    {
        using var dubai = Federation["dubai"].CreateS3Client();
        using var singapore = Federation["singapore"].CreateS3Client();
        for (int round = 0; round < 5; round++)
        {
            var name = regions.NewBucketName("race");
            var attempts = await Task.WhenAll(
                Attempt(() => dubai.PutBucketAsync(new PutBucketRequest { BucketName = name })),
                Attempt(() => singapore.PutBucketAsync(new PutBucketRequest { BucketName = name })));

            Assert.Single(attempts, a => a is null);
            var loser = Assert.Single(attempts, a => a is not null)!;

            // Both regions act for the operator's account 000000000000, so the loser's answer is S3's for a name the
            // same account already holds.
            Assert.Equal(HttpStatusCode.Conflict, loser.StatusCode);
            Assert.Equal("BucketAlreadyOwnedByYou", loser.ErrorCode);

            // The bucket exists in exactly one region; the other redirects to it.
            var here = await Task.WhenAll(dubai.ListObjectsV2Async(new ListObjectsV2Request { BucketName = name }).ContinueWith(t => t.IsCompletedSuccessfully),
                singapore.ListObjectsV2Async(new ListObjectsV2Request { BucketName = name }).ContinueWith(t => t.IsCompletedSuccessfully));
            Assert.Single(here, ok => ok);
        }
    }

    [Fact]
    public async Task A_name_taken_in_one_region_is_refused_in_the_others_and_free_again_after_its_delete()
    {
        using var paris = Federation["paris"].CreateS3Client();
        using var dubai = Federation["dubai"].CreateS3Client();
        using var singapore = Federation["singapore"].CreateS3Client();
        var name = regions.NewBucketName("moves");
        await dubai.PutBucketAsync(new PutBucketRequest { BucketName = name });

        var again = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => paris.PutBucketAsync(new PutBucketRequest { BucketName = name }));
        Assert.Equal("BucketAlreadyOwnedByYou", again.ErrorCode);

        await dubai.DeleteBucketAsync(name);
        await singapore.PutBucketAsync(new PutBucketRequest { BucketName = name });
        var location = await paris.GetBucketLocationAsync(name);
        Assert.Equal("singapore", location.Location.Value);
    }

    [Fact]
    public async Task A_location_constraint_naming_another_region_is_refused_as_AWS_does()
    {
        // AWS: a CreateBucket whose LocationConstraint is not the endpoint's region is IllegalLocationConstraintException
        // ("The X location constraint is incompatible for the region specific endpoint this request was sent to.").
        using var dubai = Federation["dubai"].CreateS3Client();
        var name = regions.NewBucketName("elsewhere");
        var refused = await Assert.ThrowsAsync<AmazonS3Exception>(() => dubai.PutBucketAsync(new PutBucketRequest
        {
            BucketName = name, BucketRegionName = "singapore",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("IllegalLocationConstraintException", refused.ErrorCode);
        Assert.Contains("singapore location constraint is incompatible", refused.Message, StringComparison.Ordinal);

        // The refused name was never claimed: the region it names can take it.
        using var singapore = Federation["singapore"].CreateS3Client();
        await singapore.PutBucketAsync(new PutBucketRequest
        {
            BucketName = name, BucketRegionName = "singapore",
        });
        Assert.Equal("singapore", (await dubai.GetBucketLocationAsync(name)).Location.Value);
    }

    [Fact]
    public async Task ListBuckets_in_any_region_shows_the_accounts_buckets_of_every_region_with_their_region()
    {
        // Accounts are still per region in this slice; the operator's account 000000000000 exists in every region.
        var made = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var region in ThreeRegionsFixture.Names)
        {
            using var client = Federation[region].CreateS3Client();
            var name = regions.NewBucketName("list-" + region);
            await client.PutBucketAsync(new PutBucketRequest { BucketName = name });
            made[name] = region;
        }

        foreach (var region in ThreeRegionsFixture.Names)
        {
            using var client = Federation[region].CreateS3Client();
            var listed = (await client.ListBucketsAsync(new ListBucketsRequest())).Buckets.ToDictionary(b => b.BucketName, b => b.BucketRegion);
            foreach (var (name, home) in made)
            {
                Assert.True(listed.TryGetValue(name, out var shown), $"{region} does not list {name}");
                Assert.Equal(home, shown);
            }
        }
    }

    private static async Task<AmazonS3Exception?> Attempt(Func<Task> create)
    {
        try
        {
            await create();
            return null;
        }
        catch (AmazonS3Exception e)
        {
            return e;
        }
    }
}

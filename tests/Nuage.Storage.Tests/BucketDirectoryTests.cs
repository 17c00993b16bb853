namespace Nuage.Storage.Tests;

using Nuage.Metadata;
using Nuage.Storage.Buckets;
using Nuage.Storage.Buckets.Directory;
using Nuage.Testing;

/// <summary>
/// The control region's registry of global bucket names (schema 016) over a real SQLite store, and the bucket
/// service going through it (docs/regions.md, "Global bucket names").
/// </summary>
public abstract class BucketDirectoryTests(MetadataEngine engine) : IAsyncLifetime
{
    private readonly StorageFixture _s = new(engine: engine);
    private RegistryBucketDirectory _registry = null!;
    private BucketService _buckets = null!;

    public async Task InitializeAsync()
    {
        _registry = new RegistryBucketDirectory(_s.Metadata, region => region == "dubai" ? new Uri("http://127.0.0.1:9100/") : null);
        _buckets = new BucketService(_s.Metadata, _s.Options, directory: _registry);

        // CreateBucket claims names only for accounts the registry's region knows; 333333333333 is not one.
        await _s.Metadata.WriteAsync(
            tx =>
            {
                tx.PutAccount(new AccountRow("111111111111", "one", DateTimeOffset.UtcNow, "{}"));
                tx.PutAccount(new AccountRow("222222222222", "two", DateTimeOffset.UtcNow, "{}"));
                return true;
            },
            CancellationToken.None);
    }

    public async Task DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public virtual async Task A_claim_answers_who_holds_the_name_and_only_the_holding_region_releases_it()
    {
        var none = CancellationToken.None;
        Assert.Equal(BucketClaimOutcome.Claimed, await _registry.ClaimAsync("photos", "111111111111", "dubai", forNewBucket: false, none));
        Assert.Equal(BucketClaimOutcome.Reasserted, await _registry.ClaimAsync("photos", "111111111111", "dubai", forNewBucket: false, none));
        Assert.Equal(BucketClaimOutcome.OwnedByYouElsewhere, await _registry.ClaimAsync("photos", "111111111111", "paris", forNewBucket: false, none));
        Assert.Equal(BucketClaimOutcome.TakenByOther, await _registry.ClaimAsync("photos", "222222222222", "dubai", forNewBucket: false, none));

        var placement = await _registry.LocateAsync("photos", none);
        Assert.Equal(("photos", "111111111111", "dubai"), (placement!.Name, placement.Owner, placement.Region));
        Assert.Equal(new Uri("http://127.0.0.1:9100/"), _registry.S3EndpointOf("dubai"));

        await _registry.ReleaseAsync("photos", "paris", none); // not paris's to free
        Assert.NotNull(await _registry.LocateAsync("photos", none));
        await _registry.ReleaseAsync("photos", "dubai", none);
        Assert.Null(await _registry.LocateAsync("photos", none));
        Assert.Equal(BucketClaimOutcome.Claimed, await _registry.ClaimAsync("photos", "222222222222", "paris", forNewBucket: false, none));
    }

    [Fact]
    public virtual async Task A_new_buckets_claim_for_an_account_that_is_not_there_claims_nothing()
    {
        var none = CancellationToken.None;
        Assert.Equal(BucketClaimOutcome.OwnerUnknown, await _registry.ClaimAsync("ghost", "333333333333", "dubai", forNewBucket: true, none));
        Assert.Null(await _registry.LocateAsync("ghost", none));
        var refused = await Assert.ThrowsAsync<StorageException>(() => _buckets.CreateBucketAsync("ghost", "333333333333", null, none));
        Assert.Equal(StorageErrorCode.AccountUnknown, refused.Code);
        Assert.Null(await _registry.LocateAsync("ghost", none));
        Assert.Null(await _s.BucketService.GetBucketAsync("ghost", none));

        // The operator's account is a row of its own (schema 003), so its buckets are claimed as any account's.
        Assert.Equal(BucketClaimOutcome.Claimed, await _registry.ClaimAsync("operators", "000000000000", "dubai", forNewBucket: true, none));

        // The deletion's side of the race (AccountService deletes in one unit of work after AccountOwnsBuckets):
        // an account deleted first gets no claim after; a claim made first makes the account own a bucket.
        Assert.Equal(BucketClaimOutcome.Claimed, await _registry.ClaimAsync("first", "222222222222", "dubai", forNewBucket: true, none));
        Assert.True(await _s.Metadata.WriteAsync(tx => tx.AccountOwnsBuckets("222222222222"), none));
        Assert.False(await _s.Metadata.WriteAsync(tx => tx.AccountOwnsBuckets("111111111111"), none));
        Assert.True(await _s.Metadata.WriteAsync(tx => tx.DeleteAccount("111111111111"), none));
        Assert.Equal(BucketClaimOutcome.OwnerUnknown, await _registry.ClaimAsync("late", "111111111111", "dubai", forNewBucket: true, none));
        Assert.Null(await _registry.LocateAsync("late", none));

        // The sweep's registration of a bucket from before the federation takes any owner, as before.
        Assert.Equal(BucketClaimOutcome.Claimed, await _registry.ClaimAsync("legacy-of-old", "333333333333", "dubai", forNewBucket: false, none));
    }

    [Fact]
    public virtual async Task Of_many_regions_claiming_one_name_at_once_exactly_one_wins()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => _registry.ClaimAsync("contested", "111111111111", "region-" + i, forNewBucket: false, CancellationToken.None))));
        Assert.Single(outcomes, o => o == BucketClaimOutcome.Claimed);
        Assert.All(outcomes.Where(o => o != BucketClaimOutcome.Claimed), o => Assert.Equal(BucketClaimOutcome.OwnedByYouElsewhere, o));
    }

    [Fact]
    public virtual async Task A_local_create_that_fails_gives_its_new_claim_back_and_a_delete_releases_the_name()
    {
        var none = CancellationToken.None;

        // A bucket made before the region joined the federation is in no registry: the claim succeeds, the local
        // create finds the name taken, and the claim is given back.
        await _s.BucketService.CreateBucketAsync("legacy", "222222222222", null, none);
        var taken = await Assert.ThrowsAsync<StorageException>(() => _buckets.CreateBucketAsync("legacy", "111111111111", null, none));
        Assert.Equal(StorageErrorCode.BucketAlreadyExists, taken.Code);
        Assert.Null(await _registry.LocateAsync("legacy", none));

        // A name held in another region is refused before anything is made here.
        await _registry.ClaimAsync("remote", "222222222222", "dubai", forNewBucket: false, none);
        var elsewhere = await Assert.ThrowsAsync<StorageException>(() => _buckets.CreateBucketAsync("remote", "111111111111", null, none));
        Assert.Equal(StorageErrorCode.BucketAlreadyExists, elsewhere.Code);
        Assert.Null(await _s.BucketService.GetBucketAsync("remote", none));

        await _buckets.CreateBucketAsync("mine", "222222222222", null, none);
        Assert.Equal(_s.Options.Region, (await _registry.LocateAsync("mine", none))!.Region);

        // ListBuckets: the local ones and the account's buckets of other regions, with their region.
        var listed = await _buckets.ListBucketsAsync("222222222222", none);
        Assert.Equal([("legacy", "local"), ("mine", "local"), ("remote", "dubai")], listed.Select(b => (b.Name, b.Region)));

        await _buckets.DeleteBucketAsync("mine", none);
        Assert.Null(await _registry.LocateAsync("mine", none));
    }
}

public sealed class BucketDirectoryTestsOnSqlite() : BucketDirectoryTests(MetadataEngine.Sqlite);

public sealed class BucketDirectoryTestsOnPostgres() : BucketDirectoryTests(MetadataEngine.Postgres);

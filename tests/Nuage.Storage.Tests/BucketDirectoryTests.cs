namespace Nuage.Storage.Tests;

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

    public Task InitializeAsync()
    {
        _registry = new RegistryBucketDirectory(_s.Metadata, region => region == "dubai" ? new Uri("http://127.0.0.1:9100/") : null);
        _buckets = new BucketService(_s.Metadata, _s.Options, directory: _registry);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public virtual async Task A_claim_answers_who_holds_the_name_and_only_the_holding_region_releases_it()
    {
        var none = CancellationToken.None;
        Assert.Equal(BucketClaimOutcome.Claimed, await _registry.ClaimAsync("photos", "111111111111", "dubai", none));
        Assert.Equal(BucketClaimOutcome.Reasserted, await _registry.ClaimAsync("photos", "111111111111", "dubai", none));
        Assert.Equal(BucketClaimOutcome.OwnedByYouElsewhere, await _registry.ClaimAsync("photos", "111111111111", "paris", none));
        Assert.Equal(BucketClaimOutcome.TakenByOther, await _registry.ClaimAsync("photos", "222222222222", "dubai", none));

        var placement = await _registry.LocateAsync("photos", none);
        Assert.Equal(("photos", "111111111111", "dubai"), (placement!.Name, placement.Owner, placement.Region));
        Assert.Equal(new Uri("http://127.0.0.1:9100/"), _registry.S3EndpointOf("dubai"));

        await _registry.ReleaseAsync("photos", "paris", none); // not paris's to free
        Assert.NotNull(await _registry.LocateAsync("photos", none));
        await _registry.ReleaseAsync("photos", "dubai", none);
        Assert.Null(await _registry.LocateAsync("photos", none));
        Assert.Equal(BucketClaimOutcome.Claimed, await _registry.ClaimAsync("photos", "222222222222", "paris", none));
    }

    [Fact]
    public virtual async Task Of_many_regions_claiming_one_name_at_once_exactly_one_wins()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => _registry.ClaimAsync("contested", "111111111111", "region-" + i, CancellationToken.None))));
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
        await _registry.ClaimAsync("remote", "222222222222", "dubai", none);
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

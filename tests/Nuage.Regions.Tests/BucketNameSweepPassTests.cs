namespace Nuage.Regions.Tests;

using Microsoft.Extensions.Logging.Abstractions;
using Nuage.Metadata;
using Nuage.Regions.Registry;
using Nuage.Storage;
using Nuage.Storage.Buckets;
using Nuage.Storage.Buckets.Directory;
using Nuage.Testing;

/// <summary>
/// One pass of the bucket-name sweep (docs/regions.md, "Reconciling names") at a control region, over its real
/// registry on each metadata engine: names without a bucket are released, names with one are kept, and a name whose
/// create is under way (its lock held between the claim and the local insert, as CreateBucket holds it) is not
/// released.
/// </summary>
public abstract class BucketNameSweepPassTests(MetadataEngine engine) : IAsyncLifetime
{
    private const string Region = "paris";
    private const string Owner = "111111111111";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "nuage-sweep-tests-" + Guid.NewGuid().ToString("N"));
    private readonly BucketNameLocks _locks = new();
    private IMetadataStore _metadata = null!;
    private RegistryBucketDirectory _registry = null!;
    private BucketService _buckets = null!;
    private BucketNameSweep _sweep = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _metadata = engine.Open(_directory);
        _registry = new RegistryBucketDirectory(_metadata, _ => null);
        _buckets = new BucketService(_metadata, new StorageOptions { DataDirectory = _directory, Region = Region }, directory: _registry, nameLocks: _locks);
        _sweep = new BucketNameSweep(_registry, _metadata, _locks, Region, TimeSpan.FromHours(1), TimeProvider.System, NullLogger<BucketNameSweep>.Instance);

        // CreateBucket claims names only for accounts the registry's region knows.
        await _metadata.WriteAsync(tx => { tx.PutAccount(new AccountRow(Owner, "owner", DateTimeOffset.UtcNow, "{}")); return true; }, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        _sweep.Dispose();
        await _metadata.DisposeAsync();
        engine.Drop(_directory);
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Names_without_a_bucket_here_are_released_and_the_others_kept()
    {
        var none = CancellationToken.None;
        await _buckets.CreateBucketAsync("kept", Owner, null, none);
        Assert.Equal(BucketClaimOutcome.Claimed, await _registry.ClaimAsync("orphan", Owner, Region, forNewBucket: false, none)); // its create never happened
        Assert.Equal(BucketClaimOutcome.Claimed, await _registry.ClaimAsync("elsewhere", Owner, "dubai", forNewBucket: false, none)); // not this region's

        Assert.Equal(["orphan"], await _sweep.SweepOnceAsync(none));
        Assert.Null(await _registry.LocateAsync("orphan", none));
        Assert.Equal(Region, (await _registry.LocateAsync("kept", none))!.Region);
        Assert.Equal("dubai", (await _registry.LocateAsync("elsewhere", none))!.Region);
        Assert.Empty(await _sweep.SweepOnceAsync(none));
    }

    [Fact]
    public async Task A_name_whose_create_is_under_way_is_not_released()
    {
        var none = CancellationToken.None;

        // CreateBucket's state between its claim and its local insert: name claimed, its lock held, no bucket yet.
        var creating = await _locks.AcquireAsync("racing", none);
        Assert.Equal(BucketClaimOutcome.Claimed, await _registry.ClaimAsync("racing", Owner, Region, forNewBucket: false, none));
        var pass = _sweep.SweepOnceAsync(none);
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.False(pass.IsCompleted, "the sweep must wait for the create's lock");
        Assert.NotNull(await _registry.LocateAsync("racing", none));

        // The create's local insert, then its lock given back: the sweep finds the bucket and keeps the name.
        await _metadata.WriteAsync(tx => tx.InsertBucket(new BucketRow("racing", Owner, Region, tx.Now)), none);
        creating.Dispose();
        Assert.Empty(await pass.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(Region, (await _registry.LocateAsync("racing", none))!.Region);
    }
}

public sealed class BucketNameSweepPassTestsOnSqlite() : BucketNameSweepPassTests(MetadataEngine.Sqlite);

public sealed class BucketNameSweepPassTestsOnPostgres() : BucketNameSweepPassTests(MetadataEngine.Postgres);

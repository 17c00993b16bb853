namespace Nuage.Regions.Tests;

using Microsoft.Extensions.Logging.Abstractions;
using Nuage.Metadata;
using Nuage.Regions.Registry;
using Nuage.Storage;
using Nuage.Storage.Buckets;
using Nuage.Storage.Buckets.Directory;
using Nuage.Testing;

/// <summary>
/// The registering pass of the bucket-name sweep (docs/regions.md, "Reconciling names") at a control region, over its
/// real registry: a bucket the region had before the federation knew it is registered for its owner, once; one whose
/// name another region holds is left as it is and reported as a conflict.
/// </summary>
public abstract class BucketNameRegistrationPassTests(MetadataEngine engine) : IAsyncLifetime
{
    private const string Region = "paris";
    private const string Owner = "111111111111";
    private const string OtherOwner = "222222222222";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "nuage-register-tests-" + Guid.NewGuid().ToString("N"));
    private readonly BucketNameLocks _locks = new();
    private IMetadataStore _metadata = null!;
    private RegistryBucketDirectory _registry = null!;
    private BucketService _local = null!;
    private BucketNameSweep _sweep = null!;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _metadata = engine.Open(_directory);
        _registry = new RegistryBucketDirectory(_metadata, _ => null);

        // Without a directory: buckets made as a region did before it joined a federation.
        _local = new BucketService(_metadata, new StorageOptions { DataDirectory = _directory, Region = Region });
        _sweep = new BucketNameSweep(_registry, _metadata, _locks, Region, TimeSpan.FromHours(1), TimeProvider.System, NullLogger<BucketNameSweep>.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _sweep.Dispose();
        await _metadata.DisposeAsync();
        engine.Drop(_directory);
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_bucket_from_before_the_federation_is_registered_for_its_owner_once()
    {
        var none = CancellationToken.None;
        await _local.CreateBucketAsync("legacy", Owner, null, none);
        Assert.Null(await _registry.LocateAsync("legacy", none));

        Assert.Equal([("legacy", BucketClaimOutcome.Claimed)], await _sweep.RegisterOnceAsync(none));
        var placement = await _registry.LocateAsync("legacy", none);
        Assert.Equal(Region, placement!.Region);
        Assert.Equal(Owner, placement.Owner);

        // Registered now: the next pass has nothing to do, and the releasing pass keeps it.
        Assert.Empty(await _sweep.RegisterOnceAsync(none));
        Assert.Empty(await _sweep.SweepOnceAsync(none));
    }

    [Fact]
    public async Task A_name_another_region_holds_is_a_conflict_and_stays_with_its_holder()
    {
        var none = CancellationToken.None;
        Assert.Equal(BucketClaimOutcome.Claimed, await _registry.ClaimAsync("clash", OtherOwner, "dubai", forNewBucket: false, none));
        await _local.CreateBucketAsync("clash", Owner, null, none);

        Assert.Equal([("clash", BucketClaimOutcome.TakenByOther)], await _sweep.RegisterOnceAsync(none));
        var placement = await _registry.LocateAsync("clash", none);
        Assert.Equal("dubai", placement!.Region);
        Assert.Equal(OtherOwner, placement.Owner);

        // The local bucket is untouched.
        Assert.NotNull(await _metadata.GetBucketAsync("clash", none));
    }
}

public sealed class BucketNameRegistrationPassTestsOnSqlite() : BucketNameRegistrationPassTests(MetadataEngine.Sqlite);

public sealed class BucketNameRegistrationPassTestsOnPostgres() : BucketNameRegistrationPassTests(MetadataEngine.Postgres);

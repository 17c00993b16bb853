using Nuage.Metadata;
using Nuage.Testing;
using Xunit;

namespace Nuage.Storage.Tests;

/// <summary>
/// The federation's bucket registry as the metadata store keeps it (schema 016, docs/regions.md "Global bucket
/// names"), on each engine: a name is registered once, released only by the region holding it, and listed by owner
/// or by region in byte order.
/// </summary>
public abstract class BucketRegistryStoreTests(MetadataEngine engine) : IAsyncLifetime
{
    private const string Alpha = "111111111111";
    private const string Beta = "222222222222";
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(42);

    private readonly StorageFixture _s = new(engine: engine);

    private IMetadataStore Store => _s.Metadata;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public async Task A_name_is_registered_once_and_released_only_by_its_region()
    {
        var photos = new BucketNameRow("photos", Alpha, "dubai", T0);
        Assert.Null(await Store.GetBucketNameAsync("photos", None));
        Assert.True(await Store.WriteAsync(tx => tx.InsertBucketName(photos), None));
        Assert.False(await Store.WriteAsync(tx => tx.InsertBucketName(new BucketNameRow("photos", Beta, "paris", T0.AddDays(1))), None));

        Assert.Equal(photos, await Store.GetBucketNameAsync("photos", None));
        Assert.Equal(photos, await Store.WriteAsync(tx => tx.GetBucketName("photos"), None));
        Assert.Null(await Store.WriteAsync(tx => tx.GetBucketName("Photos"), None));

        Assert.False(await Store.WriteAsync(tx => tx.DeleteBucketName("photos", "paris"), None));
        Assert.Equal(photos, await Store.GetBucketNameAsync("photos", None));
        Assert.True(await Store.WriteAsync(tx => tx.DeleteBucketName("photos", "dubai"), None));
        Assert.Null(await Store.GetBucketNameAsync("photos", None));
        Assert.True(await Store.WriteAsync(tx => tx.InsertBucketName(photos with { Owner = Beta }), None));
        Assert.Equal(Beta, (await Store.GetBucketNameAsync("photos", None))!.Owner);
    }

    [Fact]
    public async Task Names_list_by_owner_and_by_region_in_byte_order()
    {
        // '-' (0x2D) sorts before '.' (0x2E) and digits: byte order, which a language collation would not keep.
        await Store.WriteAsync(
            tx =>
            {
                tx.InsertBucketName(new BucketNameRow("b.x", Alpha, "dubai", T0));
                tx.InsertBucketName(new BucketNameRow("b-y", Alpha, "paris", T0.AddSeconds(1)));
                tx.InsertBucketName(new BucketNameRow("b0", Alpha, "dubai", T0.AddSeconds(2)));
                tx.InsertBucketName(new BucketNameRow("a-other", Beta, "dubai", T0.AddSeconds(3)));
                return true;
            },
            None);

        Assert.Equal(
            [new BucketNameRow("b-y", Alpha, "paris", T0.AddSeconds(1)), new BucketNameRow("b.x", Alpha, "dubai", T0), new BucketNameRow("b0", Alpha, "dubai", T0.AddSeconds(2))],
            await Store.ListBucketNamesAsync(Alpha, None));
        Assert.Equal(
            [new BucketNameRow("a-other", Beta, "dubai", T0.AddSeconds(3)), new BucketNameRow("b.x", Alpha, "dubai", T0), new BucketNameRow("b0", Alpha, "dubai", T0.AddSeconds(2))],
            await Store.ListBucketNamesInRegionAsync("dubai", None));
        Assert.Empty(await Store.ListBucketNamesAsync("333333333333", None));
        Assert.Empty(await Store.ListBucketNamesInRegionAsync("tokyo", None));
    }
}

public sealed class BucketRegistryStoreTestsOnSqlite() : BucketRegistryStoreTests(MetadataEngine.Sqlite);

public sealed class BucketRegistryStoreTestsOnPostgres() : BucketRegistryStoreTests(MetadataEngine.Postgres);

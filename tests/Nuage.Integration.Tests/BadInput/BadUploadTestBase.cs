using Nuage.Integration.Tests.Durability;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.BadInput;

/// <summary>
/// Bad-input classes whose uploads are meant to fail: each test gets a fresh bucket, and afterwards no temporary
/// file may stay in DATA/blobs/tmp. The class's server is its own, so that check sees only its own uploads.
/// </summary>
public abstract class BadUploadTestBase(NuageServerFixture fixture, string bucketPurpose) : BadInputTestBase(fixture)
{
    /// <summary>This test's bucket, created before it runs.</summary>
    protected string Bucket { get; private set; } = "";

    protected string DataDirectory => Fixture.Server.DataDirectory;

    public override async Task InitializeAsync() => Bucket = await Fixture.CreateBucketAsync(bucketPurpose);

    public override async Task DisposeAsync()
    {
        var left = await BlobTempFiles.WaitUntilEmptyAsync(DataDirectory, TimeSpan.FromSeconds(10));
        Assert.True(left.Count == 0, "Temporary files left behind:\n" + string.Join('\n', left));
        await base.DisposeAsync();
    }
}

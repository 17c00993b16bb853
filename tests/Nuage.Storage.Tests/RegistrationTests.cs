namespace Nuage.Storage.Tests;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Nuage.Blobs;
using Nuage.Metadata;
using Nuage.Metadata.Sqlite;
using Nuage.Storage.Buckets;
using Nuage.Storage.Objects;

public sealed class RegistrationTests
{
    [Fact]
    public async Task Host_wiring_runs_sweep_serves_and_drains_on_dispose()
    {
        string data = Path.Combine(Path.GetTempPath(), "nuage-di-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(data, "blobs", "tmp"));
        string leftover = Path.Combine(data, "blobs", "tmp", "crashed-write");
        await File.WriteAllBytesAsync(leftover, [1]);
        File.SetLastWriteTimeUtc(leftover, DateTime.UtcNow.AddMinutes(-5));
        try
        {
            var services = new ServiceCollection()
                .AddSqliteMetadata(data)
                .AddSingleton<IBlobStore>(new LocalBlobStore(Path.Combine(data, "blobs")))
                .AddNuageStorage(new StorageOptions { DataDirectory = data });
            await using (var provider = services.BuildServiceProvider())
            {
                foreach (var hosted in provider.GetServices<IHostedService>())
                {
                    await hosted.StartAsync(CancellationToken.None);
                }

                Assert.False(File.Exists(leftover));
                await provider.GetRequiredService<IBucketService>().CreateBucketAsync("wired", "me", null, CancellationToken.None);
                var objects = provider.GetRequiredService<IObjectService>();
                var puts = Enumerable.Range(0, 16).Select(i => objects.PutObjectAsync(
                    new PutObjectRequest("wired", "k" + i, new MemoryStream([(byte)i]), 1, ObjectAttributes.Empty), CancellationToken.None)).ToArray();
                await Task.WhenAll(puts);
                foreach (var hosted in provider.GetServices<IHostedService>())
                {
                    await hosted.StopAsync(CancellationToken.None);
                }

                Assert.True(provider.GetRequiredService<IMetadataStore>().Statistics.Writes >= 17);
            }

            await using var reopened = new SqliteMetadataStore(Path.Combine(data, "metadata.db"));
            Assert.NotNull(await reopened.GetObjectAsync("wired", "k15", null, false, CancellationToken.None));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}

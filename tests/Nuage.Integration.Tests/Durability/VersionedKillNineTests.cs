using System.Collections.Concurrent;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Nuage.Integration.Tests.Durability;

/// <summary>
/// Versioned overwrites under kill -9 (issue 15): writers overwrite a few keys of a versioning-enabled bucket, the
/// server is killed mid-load and restarted on the same data directory; every acknowledged version then reads back by
/// its id with its exact bytes and is listed by ListObjectVersions, each key has exactly one latest version, and every
/// listed version is whole (one of the bodies written to that key).
/// </summary>
public sealed class VersionedKillNineTests(ITestOutputHelper output)
{
    private const int Writers = 8;
    private const int Keys = 4;
    private const string Bucket = "durability-versions";

    [Fact]
    public async Task Kill_9_during_versioned_overwrites_loses_no_acknowledged_version()
    {
        using var temp = new TempDirectory();
        var data = Path.Combine(temp.Path, "data");
        var acknowledged = new ConcurrentDictionary<string, (string Key, string Md5)>(StringComparer.Ordinal);
        var attempted = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        NuageProcess? server = await NuageProcess.StartAsync(data);
        try
        {
            using (var s3 = server.CreateS3Client())
            {
                await s3.PutBucketAsync(Bucket);
                await s3.PutBucketVersioningAsync(new PutBucketVersioningRequest
                {
                    BucketName = Bucket, VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled },
                });
            }

            using var enough = new SemaphoreSlim(0);
            int released = 0;
            int failed = 0;
            var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
            {
                using var s3 = server.CreateS3Client(c => c.MaxErrorRetry = 0);
                for (int i = 0; ; i++)
                {
                    var key = "k" + ((w + i) % Keys);

                    // Sizes alternate between inline rows and blob-backed versions.
                    var body = RandomNumberGenerator.GetBytes(i % 3 == 0 ? 200_000 + w : 1_000 + i);
                    var md5 = Convert.ToHexStringLower(MD5.HashData(body));
                    attempted.TryAdd(key + "/" + md5, 0);
                    try
                    {
                        var put = await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, InputStream = new MemoryStream(body) });
                        acknowledged[put.VersionId] = (key, md5);
                        // At least 60, once: two writers adding at the same moment can step over exactly 60.
                        if (acknowledged.Count >= 60 && Interlocked.Exchange(ref released, 1) == 0)
                        {
                            enough.Release();
                        }
                    }
                    catch (Exception)
                    {
                        // The kill: this writer's request was cut, whatever the client library made of it.
                        Interlocked.Increment(ref failed);
                        return;
                    }
                }
            })).ToArray();

            Assert.True(await enough.WaitAsync(TimeSpan.FromSeconds(120)), "The writers never reached 60 acknowledged versions.");
            await server.KillAsync();
            await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(60));
            await server.DisposeAsync();
            server = null;

            server = await NuageProcess.StartAsync(data);
            using var reader = server.CreateS3Client();
            var listed = new List<S3ObjectVersion>();
            string? keyMarker = null;
            string? versionMarker = null;
            while (true)
            {
                var page = await reader.ListVersionsAsync(new ListVersionsRequest
                {
                    BucketName = Bucket, MaxKeys = 25, KeyMarker = keyMarker, VersionIdMarker = versionMarker,
                });
                listed.AddRange(page.Versions ?? []);
                if (page.IsTruncated != true)
                {
                    break;
                }

                (keyMarker, versionMarker) = (page.NextKeyMarker, page.NextVersionIdMarker);
            }

            output.WriteLine($"{acknowledged.Count} versions acknowledged, {failed} PUTs cut by the kill, {listed.Count} versions listed after restart");
            // Each writer loops until the kill cuts one of its requests: all of them were writing when it came.
            Assert.Equal(Writers, failed);
            var listedIds = listed.Select(v => v.VersionId).ToHashSet(StringComparer.Ordinal);
            var missing = acknowledged.Keys.Where(id => !listedIds.Contains(id)).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} acknowledged versions are not listed: {string.Join(", ", missing.Take(5))}");
            Assert.Equal(Keys, listed.Count(v => v.IsLatest == true));

            foreach (var version in listed)
            {
                using var get = await reader.GetObjectAsync(new GetObjectRequest { BucketName = Bucket, Key = version.Key, VersionId = version.VersionId });
                using var buffer = new MemoryStream();
                await get.ResponseStream.CopyToAsync(buffer);
                var md5 = Convert.ToHexStringLower(MD5.HashData(buffer.ToArray()));
                Assert.True(attempted.ContainsKey(version.Key + "/" + md5), $"{version.Key} version {version.VersionId} holds bytes never written to it");
                if (acknowledged.TryGetValue(version.VersionId, out var expected))
                {
                    Assert.Equal(expected, (version.Key, md5));
                }
            }

            server.AssertNoErrors();
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }
}

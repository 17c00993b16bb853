using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Sdk;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Versioning;

/// <summary>
/// Versioning through AWSSDK.S3 (AWS "Using versioning in S3 buckets"): the bucket's state, a version id on every
/// write, reads and deletes by version id, delete markers, the null version of suspended buckets,
/// ListObjectVersions page by page, DeleteObjects with version ids, copies and multipart uploads of versions.
/// </summary>
public sealed class VersioningTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    [Fact]
    public async Task The_bucket_state_goes_from_unversioned_to_enabled_to_suspended_and_bad_documents_are_refused()
    {
        var bucket = await fixture.CreateBucketAsync("ver-state");
        Assert.Equal(VersionStatus.Off, (await _s3.GetBucketVersioningAsync(bucket)).VersioningConfig.Status);

        await SetAsync(bucket, VersionStatus.Enabled);
        Assert.Equal(VersionStatus.Enabled, (await _s3.GetBucketVersioningAsync(bucket)).VersioningConfig.Status);
        await SetAsync(bucket, VersionStatus.Suspended);
        Assert.Equal(VersionStatus.Suspended, (await _s3.GetBucketVersioningAsync(bucket)).VersioningConfig.Status);

        using (var bad = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Put, "/" + bucket, [("versioning", "")],
            "<VersioningConfiguration><Status>On</Status></VersioningConfiguration>"u8.ToArray()))
        {
            await RawS3.AssertErrorAsync(bad, HttpStatusCode.BadRequest, "MalformedXML");
        }

        using (var mfa = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Put, "/" + bucket, [("versioning", "")],
            "<VersioningConfiguration><Status>Enabled</Status><MfaDelete>Enabled</MfaDelete></VersioningConfiguration>"u8.ToArray()))
        {
            await RawS3.AssertErrorAsync(mfa, HttpStatusCode.NotImplemented, "NotImplemented");
        }

        Assert.Equal(VersionStatus.Suspended, (await _s3.GetBucketVersioningAsync(bucket)).VersioningConfig.Status);
        await S3Assert.FailsAsync("NoSuchBucket", HttpStatusCode.NotFound, () => _s3.PutBucketVersioningAsync(new PutBucketVersioningRequest
        {
            BucketName = fixture.NewBucketName("ver-none"), VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled },
        }));
    }

    [Fact]
    public async Task Overwrites_keep_every_version_readable_by_id_and_an_unversioned_bucket_answers_no_version_id()
    {
        var plain = await fixture.CreateBucketAsync("ver-plain");
        var unversioned = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = plain, Key = "k", ContentBody = "a" });
        Assert.Null(unversioned.VersionId);

        var bucket = await CreateVersionedAsync("ver-reads");
        var ids = new List<string>();
        foreach (var body in new[] { "one", "two", "three" })
        {
            var put = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = body });
            Assert.False(string.IsNullOrEmpty(put.VersionId));
            ids.Add(put.VersionId);
        }

        Assert.Equal(3, ids.Distinct().Count());
        using (var latest = await _s3.GetObjectAsync(bucket, "k"))
        {
            Assert.Equal((ids[2], "three"), (latest.VersionId, await new StreamReader(latest.ResponseStream).ReadToEndAsync()));
        }

        using (var first = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "k", VersionId = ids[0] }))
        {
            Assert.Equal((ids[0], "one"), (first.VersionId, await new StreamReader(first.ResponseStream).ReadToEndAsync()));
        }

        var head = await _s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = "k", VersionId = ids[1] });
        Assert.Equal((ids[1], 3L), (head.VersionId, head.ContentLength));
        var attributes = await _s3.GetObjectAttributesAsync(new GetObjectAttributesRequest
        {
            BucketName = bucket, Key = "k", VersionId = ids[0], ObjectAttributes = [ObjectAttributes.ObjectSize],
        });
        Assert.Equal((ids[0], 3L), (attributes.VersionId, attributes.ObjectSize));
        await S3Assert.FailsAsync("NoSuchVersion", HttpStatusCode.NotFound,
            () => _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "k", VersionId = "no-such-version-id" }));
    }

    [Fact]
    public async Task A_delete_marker_hides_the_key_answers_404_and_405_and_removing_it_restores_the_object()
    {
        var bucket = await CreateVersionedAsync("ver-marker");
        var put = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "kept" });
        var deleted = await _s3.DeleteObjectAsync(bucket, "k");
        Assert.Equal("true", deleted.DeleteMarker);
        Assert.False(string.IsNullOrEmpty(deleted.VersionId));
        Assert.NotEqual(put.VersionId, deleted.VersionId);

        using (var current = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Get, $"/{bucket}/k"))
        {
            await RawS3.AssertErrorAsync(current, HttpStatusCode.NotFound, "NoSuchKey");
            Assert.Equal(("true", deleted.VersionId), (Header(current, "x-amz-delete-marker"), Header(current, "x-amz-version-id")));
        }

        using (var byId = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Get, $"/{bucket}/k", [("versionId", deleted.VersionId)]))
        {
            await RawS3.AssertErrorAsync(byId, HttpStatusCode.MethodNotAllowed, "MethodNotAllowed");
            Assert.Equal("true", Header(byId, "x-amz-delete-marker"));
        }

        Assert.Empty((await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })).S3Objects ?? []);

        var removed = await _s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = "k", VersionId = deleted.VersionId });
        Assert.Equal(("true", deleted.VersionId), (removed.DeleteMarker, removed.VersionId));
        using var restored = await _s3.GetObjectAsync(bucket, "k");
        Assert.Equal((put.VersionId, "kept"), (restored.VersionId, await new StreamReader(restored.ResponseStream).ReadToEndAsync()));
    }

    [Fact]
    public async Task Many_overwrites_and_deletes_list_page_by_page_in_key_order_newest_first()
    {
        var bucket = await CreateVersionedAsync("ver-list");
        var expected = new List<(string Key, string VersionId, bool Marker)>();
        foreach (var key in new[] { "a", "b/1", "b/2", "c" })
        {
            var history = new List<(string, string, bool)>();
            for (int i = 0; i < 4; i++)
            {
                var put = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = key + i });
                history.Add((key, put.VersionId, false));
                if (i == 1 && key != "c")
                {
                    var marker = await _s3.DeleteObjectAsync(bucket, key);
                    history.Add((key, marker.VersionId, true));
                }
            }

            if (key == "c")
            {
                var marker = await _s3.DeleteObjectAsync(bucket, key);
                history.Add((key, marker.VersionId, true));
            }

            history.Reverse();
            expected.AddRange(history);
        }

        var seen = new List<(string, string, bool)>();
        var latest = new List<string>();
        string? keyMarker = null;
        string? versionMarker = null;
        int pages = 0;
        while (true)
        {
            var page = await _s3.ListVersionsAsync(new ListVersionsRequest
            {
                BucketName = bucket, MaxKeys = 3, KeyMarker = keyMarker, VersionIdMarker = versionMarker,
            });
            pages++;
            foreach (var v in page.Versions ?? [])
            {
                seen.Add((v.Key, v.VersionId, v.IsDeleteMarker == true));
                if (v.IsLatest == true)
                {
                    latest.Add(v.Key);
                }
            }

            if (page.IsTruncated != true)
            {
                break;
            }

            Assert.True(pages < 50, "the listing does not end");
            (keyMarker, versionMarker) = (page.NextKeyMarker, page.NextVersionIdMarker);
        }

        Assert.Equal(expected, seen);
        Assert.Equal(7, pages);
        Assert.Equal(["a", "b/1", "b/2", "c"], latest);

        // Current objects: c ends on a delete marker, the others on a version.
        var current = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
        Assert.Equal(["a", "b/1", "b/2"], current.S3Objects.Select(o => o.Key));

        // A delimiter rolls b/ up into one prefix; a prefix narrows to one key.
        var rolled = await _s3.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket, Delimiter = "/" });
        Assert.Equal(["b/"], rolled.CommonPrefixes);
        Assert.Equal(["a", "c"], rolled.Versions.Select(v => v.Key).Distinct());
        var onlyA = await _s3.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket, Prefix = "a" });
        Assert.Equal(5, onlyA.Versions.Count);
    }

    [Fact]
    public async Task Suspended_buckets_write_and_delete_the_null_version_and_keep_the_others()
    {
        var bucket = await fixture.CreateBucketAsync("ver-suspend");
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "before" });
        await SetAsync(bucket, VersionStatus.Enabled);
        var kept = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "enabled" });
        await SetAsync(bucket, VersionStatus.Suspended);
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "suspended" });

        var versions = (await _s3.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket })).Versions;
        Assert.Equal([("null", true), (kept.VersionId, false)], versions.Select(v => (v.VersionId, v.IsLatest == true)));
        using (var nullVersion = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "k", VersionId = "null" }))
        {
            Assert.Equal("suspended", await new StreamReader(nullVersion.ResponseStream).ReadToEndAsync());
        }

        var deleted = await _s3.DeleteObjectAsync(bucket, "k");
        Assert.Equal(("true", "null"), (deleted.DeleteMarker, deleted.VersionId));
        versions = (await _s3.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket })).Versions;
        Assert.Equal([("null", true), (kept.VersionId, false)], versions.Select(v => (v.VersionId, v.IsDeleteMarker == true)));
    }

    [Fact]
    public async Task DeleteObjects_removes_named_versions_and_adds_markers_for_plain_keys()
    {
        var bucket = await CreateVersionedAsync("ver-multi");
        var a1 = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "a", ContentBody = "1" });
        var a2 = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "a", ContentBody = "2" });
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "b", ContentBody = "b" });

        var result = await _s3.DeleteObjectsAsync(new DeleteObjectsRequest
        {
            BucketName = bucket,
            Objects = [new KeyVersion { Key = "a", VersionId = a2.VersionId }, new KeyVersion { Key = "b" }],
        });
        var byKey = result.DeletedObjects.ToDictionary(d => d.Key);
        Assert.Equal(a2.VersionId, byKey["a"].VersionId);
        Assert.NotEqual(true, byKey["a"].DeleteMarker);
        Assert.True(byKey["b"].DeleteMarker);
        Assert.False(string.IsNullOrEmpty(byKey["b"].DeleteMarkerVersionId));

        using var a = await _s3.GetObjectAsync(bucket, "a");
        Assert.Equal(a1.VersionId, a.VersionId);
        await S3Assert.FailsAsync("NoSuchKey", HttpStatusCode.NotFound, () => _s3.GetObjectAsync(bucket, "b"));
    }

    [Fact]
    public async Task Copies_read_a_named_source_version_and_multipart_uploads_make_versions()
    {
        var bucket = await CreateVersionedAsync("ver-copy");
        var old = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "src", ContentBody = "old" });
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "src", ContentBody = "new" });

        var copy = await _s3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket, SourceKey = "src", SourceVersionId = old.VersionId, DestinationBucket = bucket, DestinationKey = "dst",
        });
        Assert.False(string.IsNullOrEmpty(copy.VersionId));
        Assert.Equal(old.VersionId, copy.SourceVersionId);
        using (var read = await _s3.GetObjectAsync(bucket, "dst"))
        {
            Assert.Equal("old", await new StreamReader(read.ResponseStream).ReadToEndAsync());
        }

        var upload = await _s3.InitiateMultipartUploadAsync(bucket, "mp");
        var part = await _s3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = bucket, Key = "mp", UploadId = upload.UploadId, PartNumber = 1, InputStream = new MemoryStream(new byte[100]),
        });
        var completed = await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket, Key = "mp", UploadId = upload.UploadId, PartETags = [new PartETag(1, part.ETag)],
        });
        Assert.False(string.IsNullOrEmpty(completed.VersionId));
        Assert.Equal(completed.VersionId, (await _s3.GetObjectMetadataAsync(bucket, "mp")).VersionId);
    }

    [Fact]
    public async Task Tags_of_one_version_are_read_and_written_by_version_id()
    {
        var bucket = await CreateVersionedAsync("ver-tags");
        var first = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "1", TagSet = [new Tag { Key = "v", Value = "1" }] });
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "2" });

        await _s3.PutObjectTaggingAsync(new PutObjectTaggingRequest
        {
            BucketName = bucket, Key = "k", VersionId = first.VersionId, Tagging = new Amazon.S3.Model.Tagging { TagSet = [new Tag { Key = "old", Value = "yes" }] },
        });
        var firstTags = await _s3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = bucket, Key = "k", VersionId = first.VersionId });
        Assert.Equal([("old", "yes")], firstTags.Tagging.Select(t => (t.Key, t.Value)));
        Assert.Empty((await _s3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = bucket, Key = "k" })).Tagging ?? []);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;

    private async Task<string> CreateVersionedAsync(string prefix)
    {
        var bucket = await fixture.CreateBucketAsync(prefix);
        await SetAsync(bucket, VersionStatus.Enabled);
        return bucket;
    }

    private Task SetAsync(string bucket, VersionStatus status) =>
        _s3.PutBucketVersioningAsync(new PutBucketVersioningRequest
        {
            BucketName = bucket, VersioningConfig = new S3BucketVersioningConfig { Status = status },
        });
}

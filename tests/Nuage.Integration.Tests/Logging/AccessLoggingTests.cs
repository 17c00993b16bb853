using System.Net;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Access;
using Nuage.Integration.Tests.Sdk;
using Xunit;

namespace Nuage.Integration.Tests.Logging;

/// <summary>
/// S3 server access logging end to end through AWSSDK.S3: the ?logging configuration and its errors, and the
/// records a real server delivers (every second here) into the target bucket, read back and split into AWS's 26
/// fields. Each test waits for its records by polling, never for a fixed delay.
/// </summary>
public sealed class AccessLoggingTests(AccessLoggingServerFixture fixture) : IClassFixture<AccessLoggingServerFixture>, IDisposable
{
    private const string SimpleKey = @"^log/\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}-[0-9A-F]{16}$";
    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    [Fact]
    public async Task Configuration_round_trips_and_an_empty_status_turns_it_off()
    {
        var source = await fixture.CreateBucketAsync("cfg-src");
        var target = await fixture.CreateBucketAsync("cfg-logs");
        Assert.Null((await GetLoggingAsync(source))?.TargetBucketName);

        await _s3.PutBucketLoggingAsync(new PutBucketLoggingRequest
        {
            BucketName = source,
            LoggingConfig = new S3BucketLoggingConfig
            {
                TargetBucketName = target, TargetPrefix = "app/",
                TargetObjectKeyFormat = new TargetObjectKeyFormat { PartitionedPrefix = new PartitionedPrefix { PartitionDateSource = PartitionDateSource.EventTime } },
            },
        });
        var stored = await GetLoggingAsync(source);
        Assert.Equal((target, "app/"), (stored!.TargetBucketName, stored.TargetPrefix));
        Assert.Equal("EventTime", stored.TargetObjectKeyFormat.PartitionedPrefix.PartitionDateSource.Value);

        // "To disable logging, you use an empty BucketLoggingStatus request element" (PutBucketLogging).
        using var off = await RawS3.SendSignedAsync(
            fixture.Endpoint, HttpMethod.Put, "/" + source, [("logging", "")], Encoding.UTF8.GetBytes("<BucketLoggingStatus xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>"));
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.Null((await GetLoggingAsync(source))?.TargetBucketName);
    }

    [Fact]
    public async Task Bad_configurations_get_S3_errors_and_DELETE_never_deletes_the_bucket()
    {
        var source = await fixture.CreateBucketAsync("bad-src");
        await S3Assert.FailsAsync("InvalidTargetBucketForLogging", HttpStatusCode.BadRequest, () => PutLoggingAsync(source, fixture.NewBucketName("missing"), "log/"));
        await S3Assert.FailsAsync("NoSuchBucket", HttpStatusCode.NotFound, () => PutLoggingAsync(fixture.NewBucketName("no-source"), source, "log/"));

        using var malformed = await RawS3.SendSignedAsync(
            fixture.Endpoint, HttpMethod.Put, "/" + source, [("logging", "")], Encoding.UTF8.GetBytes("<BucketLoggingStatus><LoggingEnabled>"));
        await RawS3.AssertErrorAsync(malformed, HttpStatusCode.BadRequest, "MalformedXML");
        using var noTarget = await RawS3.SendSignedAsync(
            fixture.Endpoint, HttpMethod.Put, "/" + source, [("logging", "")],
            Encoding.UTF8.GetBytes("<BucketLoggingStatus><LoggingEnabled><TargetPrefix>p/</TargetPrefix></LoggingEnabled></BucketLoggingStatus>"));
        await RawS3.AssertErrorAsync(noTarget, HttpStatusCode.BadRequest, "MalformedXML");

        // S3 has no DeleteBucketLogging; the request must not be read as DeleteBucket.
        using var delete = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Delete, "/" + source, [("logging", "")]);
        await RawS3.AssertErrorAsync(delete, HttpStatusCode.MethodNotAllowed, "MethodNotAllowed");
        await _s3.GetBucketLocationAsync(source);
    }

    [Fact]
    public async Task Another_accounts_target_needs_its_policy_to_let_the_logging_service_write()
    {
        var source = await fixture.CreateBucketAsync("cross-src");
        var other = await TestAccount.CreateAsync(fixture, "logs-owner");
        using var otherS3 = other.S3(fixture);
        var target = fixture.NewBucketName("cross-logs");
        await otherS3.PutBucketAsync(target);
        await S3Assert.FailsAsync("InvalidTargetBucketForLogging", HttpStatusCode.BadRequest, () => PutLoggingAsync(source, target, "log/"));

        await otherS3.PutBucketPolicyAsync(target, $$$$"""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},
            "Action":"s3:PutObject","Resource":"arn:aws:s3:::{{{{target}}}}/log/*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::{{{{source}}}}"}}}]}
            """);
        await PutLoggingAsync(source, target, "log/");
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = source, Key = "k", ContentBody = "x" });
        var records = await AccessLogRecords.WaitForAsync(otherS3, target, "log/", r => r.Any(x => x.Operation == "REST.PUT.OBJECT"));
        Assert.All(records, r => Assert.Equal(source, r.Bucket));
    }

    [Fact]
    public async Task Requests_on_a_logged_bucket_are_delivered_with_AWS_fields()
    {
        var source = await fixture.CreateBucketAsync("fields-src");
        var target = await fixture.CreateBucketAsync("fields-logs");
        await PutLoggingAsync(source, target, "log/");

        var put = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = source, Key = "dir/k", ContentBody = "0123456789" });
        using (var get = await _s3.GetObjectAsync(source, "dir/k"))
        {
            await get.ResponseStream.CopyToAsync(Stream.Null);
        }

        await _s3.GetObjectMetadataAsync(source, "dir/k");
        await S3Assert.FailsAsync("NoSuchKey", HttpStatusCode.NotFound, () => _s3.GetObjectAsync(source, "missing"));
        await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = source });
        await _s3.DeleteObjectAsync(source, "dir/k");

        string[] expected = ["REST.PUT.OBJECT", "REST.GET.OBJECT", "REST.HEAD.OBJECT", "REST.GET.BUCKET", "REST.DELETE.OBJECT"];
        var records = await AccessLogRecords.WaitForAsync(_s3, target, "log/", r => expected.All(op => r.Any(x => x.Operation == op)) && r.Count(x => x.Operation == "REST.GET.OBJECT") == 2);
        var owner = (await _s3.GetBucketAclAsync(new GetBucketAclRequest { BucketName = source })).Owner.Id;
        Assert.All(records, r =>
        {
            Assert.Matches(SimpleKey, r.LogKey);
            Assert.Equal((owner, source), (r.BucketOwner, r.Bucket));
            Assert.Matches(@"^\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} \+0000$", r.Time);
            Assert.Equal("127.0.0.1", r.RemoteIp);
            Assert.StartsWith("arn:aws:iam::", r.Requester, StringComparison.Ordinal);
            Assert.Equal(("SigV4", "AuthHeader", "-"), (r.SignatureVersion, r.AuthType, r.AclRequired));
            Assert.Equal($"127.0.0.1:{fixture.Port}", r.HostHeader);
            Assert.Contains("aws-sdk-dotnet", r.UserAgent, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(r.RequestId, r.HostId);
            Assert.Matches(@"^\d+$", r.TotalTime);
            Assert.Equal(("-", "-", "-"), (r.CipherSuite, r.TlsVersion, r.AccessPointArn));
        });

        var putRecord = Assert.Single(records, r => r.Operation == "REST.PUT.OBJECT");
        Assert.Equal((put.ResponseMetadata.RequestId, "dir/k", "200", "-", "10"), (putRecord.RequestId, putRecord.Key, putRecord.Status, putRecord.ErrorCode, putRecord.ObjectSize));
        Assert.StartsWith($"PUT /{source}/dir/k", putRecord.RequestUri, StringComparison.Ordinal);
        Assert.EndsWith(" HTTP/1.1", putRecord.RequestUri, StringComparison.Ordinal);

        var getRecord = Assert.Single(records, r => r.Operation == "REST.GET.OBJECT" && r.Status == "200");
        Assert.Equal(("dir/k", "10", "10"), (getRecord.Key, getRecord.BytesSent, getRecord.ObjectSize));
        Assert.Matches(@"^\d+$", getRecord.TurnAroundTime);
        var missing = Assert.Single(records, r => r.Operation == "REST.GET.OBJECT" && r.Status == "404");
        Assert.Equal(("missing", "NoSuchKey"), (missing.Key, missing.ErrorCode));
        var head = Assert.Single(records, r => r.Operation == "REST.HEAD.OBJECT");
        Assert.Equal(("200", "-", "10"), (head.Status, head.BytesSent, head.ObjectSize));
        var list = Assert.Single(records, r => r.Operation == "REST.GET.BUCKET");
        Assert.Equal(("-", "200"), (list.Key, list.Status));
        Assert.Equal("204", Assert.Single(records, r => r.Operation == "REST.DELETE.OBJECT").Status);
    }

    [Fact]
    public async Task A_multi_object_delete_logs_the_request_and_each_key()
    {
        var source = await fixture.CreateBucketAsync("batch-src");
        var target = await fixture.CreateBucketAsync("batch-logs");
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = source, Key = "a", ContentBody = "x" });
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = source, Key = "b", ContentBody = "x" });
        await PutLoggingAsync(source, target, "log/");
        var deleted = await _s3.DeleteObjectsAsync(new DeleteObjectsRequest { BucketName = source, Objects = [new KeyVersion { Key = "a" }, new KeyVersion { Key = "b" }] });

        var records = await AccessLogRecords.WaitForAsync(_s3, target, "log/", r => r.Count(x => x.Operation == "BATCH.DELETE.OBJECT") == 2);
        var request = Assert.Single(records, r => r.Operation == "REST.POST.MULTI_OBJECT_DELETE");
        Assert.Equal((deleted.ResponseMetadata.RequestId, "-", "200"), (request.RequestId, request.Key, request.Status));
        var keys = records.Where(r => r.Operation == "BATCH.DELETE.OBJECT").ToList();
        Assert.Equal(["a", "b"], keys.Select(r => r.Key).Order());
        Assert.All(keys, r => Assert.Equal((request.RequestId, "204"), (r.RequestId, r.Status)));
    }

    [Fact]
    public async Task A_target_with_default_encryption_gets_SSE_S3_log_objects()
    {
        var source = await fixture.CreateBucketAsync("sse-src");
        var target = await fixture.CreateBucketAsync("sse-logs");
        await _s3.PutBucketEncryptionAsync(new PutBucketEncryptionRequest
        {
            BucketName = target,
            ServerSideEncryptionConfiguration = new ServerSideEncryptionConfiguration
            {
                ServerSideEncryptionRules = [new ServerSideEncryptionRule { ServerSideEncryptionByDefault = new ServerSideEncryptionByDefault { ServerSideEncryptionAlgorithm = ServerSideEncryptionMethod.AES256 } }],
            },
        });
        await PutLoggingAsync(source, target, "log/");
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = source, Key = "k", ContentBody = "x" });

        var record = Assert.Single(await AccessLogRecords.WaitForAsync(_s3, target, "log/", r => r.Count > 0));
        var head = await _s3.GetObjectMetadataAsync(target, record.LogKey);
        Assert.Equal(ServerSideEncryptionMethod.AES256, head.ServerSideEncryptionMethod);
    }

    [Fact]
    public async Task A_copy_is_logged_in_the_target_and_as_a_read_in_the_source()
    {
        var source = await fixture.CreateBucketAsync("copy-from");
        var destination = await fixture.CreateBucketAsync("copy-to");
        var logs = await fixture.CreateBucketAsync("copy-logs");
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = source, Key = "original", ContentBody = "x" });
        await PutLoggingAsync(source, logs, "from/");
        await PutLoggingAsync(destination, logs, "to/");
        var copy = await _s3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = source, SourceKey = "original", DestinationBucket = destination, DestinationKey = "copy",
        });

        var read = Assert.Single(await AccessLogRecords.WaitForAsync(_s3, logs, "from/", r => r.Count > 0));
        Assert.Equal((source, "REST.COPY.OBJECT_GET", "original", copy.ResponseMetadata.RequestId), (read.Bucket, read.Operation, read.Key, read.RequestId));
        var write = Assert.Single(await AccessLogRecords.WaitForAsync(_s3, logs, "to/", r => r.Count > 0));
        Assert.Equal((destination, "REST.COPY.OBJECT", "copy", copy.ResponseMetadata.RequestId), (write.Bucket, write.Operation, write.Key, write.RequestId));
    }

    [Fact]
    public async Task Partitioned_keys_carry_account_region_bucket_and_date()
    {
        var source = await fixture.CreateBucketAsync("part-src");
        var target = await fixture.CreateBucketAsync("part-logs");
        await _s3.PutBucketLoggingAsync(new PutBucketLoggingRequest
        {
            BucketName = source,
            LoggingConfig = new S3BucketLoggingConfig
            {
                TargetBucketName = target, TargetPrefix = "part/",
                TargetObjectKeyFormat = new TargetObjectKeyFormat { PartitionedPrefix = new PartitionedPrefix { PartitionDateSource = PartitionDateSource.DeliveryTime } },
            },
        });
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = source, Key = "k", ContentBody = "x" });

        var record = Assert.Single(await AccessLogRecords.WaitForAsync(_s3, target, "part/", r => r.Count > 0));
        Assert.Matches(
            $@"^part/{record.BucketOwner}/local/{source}/(\d{{4}})/(\d{{2}})/(\d{{2}})/\1-\2-\3-\d{{2}}-\d{{2}}-\d{{2}}-[0-9A-F]{{16}}$", record.LogKey);
    }

    [Fact]
    public async Task Requests_allowed_by_an_ACL_say_ACL_required_and_those_allowed_by_a_policy_do_not()
    {
        var source = fixture.NewBucketName("acl-src");
        await _s3.PutBucketAsync(new PutBucketRequest { BucketName = source, CannedACL = S3CannedACL.PublicRead });
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = source, Key = "pub", ContentBody = "public", CannedACL = S3CannedACL.PublicRead });
        var target = await fixture.CreateBucketAsync("acl-logs");
        await PutLoggingAsync(source, target, "log/");

        using var anonymous = new Anonymous(fixture.Endpoint);
        Assert.Equal(HttpStatusCode.OK, await anonymous.GetAsync($"/{source}?list-type=2"));
        var other = await TestAccount.CreateAsync(fixture, "reader");
        using var otherS3 = other.S3(fixture);
        string byAcl;
        using (var read = await otherS3.GetObjectAsync(source, "pub"))
        {
            byAcl = read.ResponseMetadata.RequestId;
        }

        await _s3.PutBucketPolicyAsync(source, $$"""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::{{source}}/*"}]}
            """);
        string byPolicy;
        using (var read = await otherS3.GetObjectAsync(source, "pub"))
        {
            byPolicy = read.ResponseMetadata.RequestId;
        }

        var records = await AccessLogRecords.WaitForAsync(_s3, target, "log/", r => r.Any(x => x.RequestId == byPolicy));
        var anonymousList = Assert.Single(records, r => r.Operation == "REST.GET.BUCKET");
        Assert.Equal(("-", "-", "-", "Yes"), (anonymousList.Requester, anonymousList.SignatureVersion, anonymousList.AuthType, anonymousList.AclRequired));
        var aclRead = Assert.Single(records, r => r.RequestId == byAcl);
        Assert.Equal(("REST.GET.OBJECT", "Yes"), (aclRead.Operation, aclRead.AclRequired));
        Assert.Contains(other.Id, aclRead.Requester, StringComparison.Ordinal);
        Assert.Equal("-", Assert.Single(records, r => r.RequestId == byPolicy).AclRequired);
    }

    [Fact]
    public async Task Log_deliveries_are_never_logged_themselves()
    {
        // A bucket that logs into itself: each delivery is a write into a logged bucket.
        var bucket = await fixture.CreateBucketAsync("self");
        await PutLoggingAsync(bucket, bucket, "self/");
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "x" });

        // Reading the logs back is logged too (those records start the next objects), so deliveries keep coming.
        var records = await AccessLogRecords.WaitForAsync(_s3, bucket, "self/", r => r.Select(x => x.LogKey).Distinct().Count() >= 3);
        var puts = records.Where(r => r.Operation == "REST.PUT.OBJECT").ToList();
        Assert.Equal("k", Assert.Single(puts).Key);
    }

    private async Task<S3BucketLoggingConfig?> GetLoggingAsync(string bucket) =>
        (await _s3.GetBucketLoggingAsync(new GetBucketLoggingRequest { BucketName = bucket })).BucketLoggingConfig;

    private Task PutLoggingAsync(string source, string target, string prefix) => _s3.PutBucketLoggingAsync(new PutBucketLoggingRequest
    {
        BucketName = source,
        LoggingConfig = new S3BucketLoggingConfig { TargetBucketName = target, TargetPrefix = prefix },
    });
}

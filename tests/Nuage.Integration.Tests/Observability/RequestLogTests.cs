using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Observability;

/// <summary>
/// One structured line per S3 request (issue 14, docs/logging.md): with --log-format json, each of the front door's
/// operations, made for real by the AWS SDK, yields a JSON line holding the time, request id, principal (access key
/// id), operation, bucket, status, bytes and duration.
/// </summary>
public sealed class RequestLogTests(JsonLogServerFixture fixture) : IClassFixture<JsonLogServerFixture>
{
    /// <summary>Every operation of the S3 front door (Nuage.S3's S3Action), as the log names it.</summary>
    private static readonly string[] Operations =
    [
        "ListBuckets", "CreateBucket", "HeadBucket", "DeleteBucket", "GetBucketLocation", "GetBucketVersioning", "ListObjects",
        "ListObjectsV2", "ListMultipartUploads", "DeleteObjects", "PutObject", "CopyObject", "GetObject", "HeadObject", "DeleteObject",
        "CreateMultipartUpload", "UploadPart", "UploadPartCopy", "CompleteMultipartUpload", "AbortMultipartUpload", "ListParts",
        "GetBucketPolicy", "PutBucketPolicy", "DeleteBucketPolicy", "GetBucketPolicyStatus", "GetBucketAcl", "PutBucketAcl",
        "GetObjectAcl", "PutObjectAcl", "GetBucketOwnershipControls", "PutBucketOwnershipControls", "DeleteBucketOwnershipControls",
        "GetPublicAccessBlock", "PutPublicAccessBlock", "DeletePublicAccessBlock", "PostObject", "GetBucketCors", "PutBucketCors",
        "DeleteBucketCors", "OptionsObject", "GetBucketTagging", "PutBucketTagging", "DeleteBucketTagging", "GetObjectTagging",
        "PutObjectTagging", "DeleteObjectTagging", "GetObjectAttributes",
    ];

    [Fact]
    public async Task Every_operation_logs_one_json_line_with_every_field()
    {
        var bucket = fixture.NewBucketName("log-every");
        using var s3 = fixture.CreateS3Client();
        await s3.PutBucketAsync(bucket);
        var list = await s3.ListBucketsAsync();
        await s3.HeadBucketAsync(new HeadBucketRequest { BucketName = bucket });
        await s3.GetBucketLocationAsync(bucket);
        await s3.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = bucket });
        // Not aws-chunked, so the body on the wire is the object's 10 bytes (bytes_in counts what the connection carried).
        var put = await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "a", ContentBody = "0123456789", UseChunkEncoding = false });
        using (var get = await s3.GetObjectAsync(bucket, "a"))
        {
            await get.ResponseStream.CopyToAsync(Stream.Null);
        }

        await s3.GetObjectMetadataAsync(bucket, "a");
        await s3.ListObjectsAsync(bucket);
        await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
        await s3.CopyObjectAsync(bucket, "a", bucket, "b");
        await s3.DeleteObjectsAsync(new DeleteObjectsRequest { BucketName = bucket, Objects = [new KeyVersion { Key = "b" }] });

        var upload = await s3.InitiateMultipartUploadAsync(bucket, "mp");
        await s3.ListMultipartUploadsAsync(bucket);
        var part = await s3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = bucket, Key = "mp", UploadId = upload.UploadId, PartNumber = 1, InputStream = new MemoryStream(new byte[5 * 1024 * 1024]),
        });
        var copied = await s3.CopyPartAsync(new CopyPartRequest
        {
            SourceBucket = bucket, SourceKey = "a", DestinationBucket = bucket, DestinationKey = "mp", UploadId = upload.UploadId, PartNumber = 2,
        });
        await s3.ListPartsAsync(bucket, "mp", upload.UploadId);
        await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket, Key = "mp", UploadId = upload.UploadId,
            PartETags = [new PartETag(1, part.ETag), new PartETag(2, copied.ETag)],
        });
        var abandoned = await s3.InitiateMultipartUploadAsync(bucket, "abandoned");
        await s3.AbortMultipartUploadAsync(bucket, "abandoned", abandoned.UploadId);

        var policy = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::{{bucket}}/*"}]}""";
        await s3.PutBucketPolicyAsync(bucket, policy);
        await s3.GetBucketPolicyAsync(bucket);
        await s3.GetBucketPolicyStatusAsync(new GetBucketPolicyStatusRequest { BucketName = bucket });
        await s3.DeleteBucketPolicyAsync(bucket);
        await s3.GetBucketAclAsync(new GetBucketAclRequest { BucketName = bucket });
        await s3.PutBucketAclAsync(new PutBucketAclRequest { BucketName = bucket, ACL = S3CannedACL.Private });
        await s3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = bucket, Key = "a" });
        await s3.PutObjectAclAsync(new PutObjectAclRequest { BucketName = bucket, Key = "a", ACL = S3CannedACL.Private });
        await s3.PutBucketOwnershipControlsAsync(new PutBucketOwnershipControlsRequest
        {
            BucketName = bucket,
            OwnershipControls = new OwnershipControls { Rules = [new OwnershipControlsRule { ObjectOwnership = ObjectOwnership.BucketOwnerPreferred }] },
        });
        await s3.GetBucketOwnershipControlsAsync(new GetBucketOwnershipControlsRequest { BucketName = bucket });
        await s3.DeleteBucketOwnershipControlsAsync(new DeleteBucketOwnershipControlsRequest { BucketName = bucket });
        await s3.PutPublicAccessBlockAsync(new PutPublicAccessBlockRequest
        {
            BucketName = bucket, PublicAccessBlockConfiguration = new PublicAccessBlockConfiguration { BlockPublicAcls = true },
        });
        await s3.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = bucket });
        await s3.DeletePublicAccessBlockAsync(new DeletePublicAccessBlockRequest { BucketName = bucket });

        await s3.PutCORSConfigurationAsync(new PutCORSConfigurationRequest
        {
            BucketName = bucket,
            Configuration = new CORSConfiguration { Rules = [new CORSRule { AllowedMethods = ["GET"], AllowedOrigins = ["*"] }] },
        });
        await s3.GetCORSConfigurationAsync(bucket);
        using (var http = new HttpClient { BaseAddress = fixture.Endpoint })
        using (var preflight = new HttpRequestMessage(HttpMethod.Options, "/" + bucket + "/a"))
        {
            // A browser's preflight: unsigned, so logged without an access key, like the form upload below.
            preflight.Headers.TryAddWithoutValidation("Origin", "https://page.test");
            preflight.Headers.TryAddWithoutValidation("Access-Control-Request-Method", "GET");
            using var answered = await http.SendAsync(preflight);
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        await s3.DeleteCORSConfigurationAsync(bucket);
        await s3.PutBucketTaggingAsync(bucket, [new Tag { Key = "k", Value = "v" }]);
        await s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket });
        await s3.DeleteBucketTaggingAsync(bucket);
        await s3.PutObjectTaggingAsync(new PutObjectTaggingRequest
        {
            BucketName = bucket, Key = "a", Tagging = new Amazon.S3.Model.Tagging { TagSet = [new Tag { Key = "k", Value = "v" }] },
        });
        await s3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = bucket, Key = "a" });
        await s3.DeleteObjectTaggingAsync(new DeleteObjectTaggingRequest { BucketName = bucket, Key = "a" });
        await s3.GetObjectAttributesAsync(new GetObjectAttributesRequest { BucketName = bucket, Key = "a", ObjectAttributes = [ObjectAttributes.ObjectSize] });

        // A browser form upload without a policy: refused, and still logged as the operation it was.
        using (var http = new HttpClient { BaseAddress = fixture.Endpoint })
        using (var form = new MultipartFormDataContent())
        {
            form.Add(new StringContent("posted"), "key");
            form.Add(new ByteArrayContent("x"u8.ToArray()), "file", "x.txt");
            using var posted = await http.PostAsync("/" + bucket, form);
            Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        }

        foreach (var key in new[] { "a", "mp" })
        {
            await s3.DeleteObjectAsync(bucket, key);
        }

        await s3.DeleteBucketAsync(bucket);

        var lines = await RequestLinesAsync(bucket, expectedAtLeast: Operations.Length, list.ResponseMetadata.RequestId, Operations);
        foreach (var operation in Operations)
        {
            Assert.True(lines.Any(l => l.GetProperty("Operation").GetString() == operation), $"no request log line for {operation}");
        }

        foreach (var line in lines)
        {
            Assert.Matches("^[0-9A-F]{16}$", line.GetProperty("RequestId").GetString());
            Assert.Equal(line.GetProperty("Operation").GetString() == "ListBuckets" ? "-" : bucket, line.GetProperty("Bucket").GetString());
            Assert.True(line.GetProperty("DurationMs").GetDouble() >= 0);
            Assert.True(line.GetProperty("Status").GetInt32() is >= 200 and < 600);
            var principal = line.GetProperty("AccessKeyId").GetString();
            Assert.True(principal == NuageProcess.AccessKey || (principal == "-" && line.GetProperty("Operation").GetString() is "PostObject" or "OptionsObject"), principal);
        }

        // The client's x-amz-request-id names the line; bytes are the body's, both ways.
        var putLine = Assert.Single(lines, l => l.GetProperty("RequestId").GetString() == put.ResponseMetadata.RequestId);
        Assert.Equal("PutObject", putLine.GetProperty("Operation").GetString());
        Assert.Equal(200, putLine.GetProperty("Status").GetInt32());
        Assert.Equal(10, putLine.GetProperty("BytesIn").GetInt64());
        var getLine = Assert.Single(lines, l => l.GetProperty("Operation").GetString() == "GetObject");
        Assert.Equal(10, getLine.GetProperty("BytesOut").GetInt64());
        var postLine = Assert.Single(lines, l => l.GetProperty("Operation").GetString() == "PostObject");
        Assert.Equal(403, postLine.GetProperty("Status").GetInt32());
        Assert.Equal("AccessDenied", postLine.GetProperty("ErrorCode").GetString());
    }

    [Fact]
    public async Task An_error_line_names_the_s3_error_code()
    {
        var bucket = await fixture.CreateBucketAsync("log-error");
        using var s3 = fixture.CreateS3Client();
        var missing = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectAsync(bucket, "nothing-here"));

        var lines = await RequestLinesAsync(bucket, expectedAtLeast: 2);
        var line = Assert.Single(lines, l => l.GetProperty("RequestId").GetString() == missing.RequestId);
        Assert.Equal("GetObject", line.GetProperty("Operation").GetString());
        Assert.Equal(404, line.GetProperty("Status").GetInt32());
        Assert.Equal("NoSuchKey", line.GetProperty("ErrorCode").GetString());
    }

    [Fact]
    public async Task Iam_sts_and_admin_requests_log_the_same_fields_in_their_own_categories()
    {
        using (var admin = Admin.AdminApi.AsOperator(fixture.ConsoleEndpoint))
        {
            (await admin.PostAsync("/api/accounts", new { name = "log-" + Guid.NewGuid().ToString("N")[..8] })).Expect(HttpStatusCode.Created);
        }

        using (var aws = new Cli.AwsCli(fixture.Endpoint))
        {
            await aws.SucceedAsync("iam", "list-users");
            await aws.SucceedAsync("sts", "get-caller-identity");
        }

        var admins = await EntriesAsync("Nuage.Admin.Requests", "admin:CreateAccount");
        Assert.Contains(admins, l => l.GetProperty("Status").GetInt32() == 201 && l.GetProperty("AccessKeyId").GetString() == NuageProcess.AccessKey);
        var iam = await EntriesAsync("Nuage.IamApi.Requests", "iam:ListUsers");
        Assert.Contains(iam, l => l.GetProperty("Status").GetInt32() == 200 && l.GetProperty("AccessKeyId").GetString() == NuageProcess.AccessKey);
        Assert.NotEmpty(await EntriesAsync("Nuage.IamApi.Requests", "sts:GetCallerIdentity"));
    }

    /// <summary>The "State" of every JSON entry of <paramref name="category"/> for <paramref name="operation"/>, awaited.</summary>
    private async Task<List<JsonElement>> EntriesAsync(string category, string operation)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var entries = fixture.Server.Output.Where(l => l.StartsWith('{') && l.Contains(operation, StringComparison.Ordinal))
                .Select(l => JsonDocument.Parse(l).RootElement.Clone())
                .Where(e => e.GetProperty("Category").GetString() == category)
                .Select(e => e.GetProperty("State"))
                .Where(s => s.GetProperty("Operation").GetString() == operation)
                .ToList();
            if (entries.Count > 0 || DateTime.UtcNow > deadline)
            {
                Assert.True(entries.Count > 0, $"no {category} line for {operation}");
                return entries;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// The request lines of <paramref name="bucket"/> (and of <paramref name="alsoRequestId"/>), each the "State" of one JSON log entry of category
    /// Nuage.S3.Requests; also checks each entry's own fields (time, level, category). Lines are written by the
    /// logger's background queue, so they are awaited rather than read at once.
    /// </summary>
    private async Task<List<JsonElement>> RequestLinesAsync(
        string bucket, int expectedAtLeast, string? alsoRequestId = null, IReadOnlyList<string>? requiredOperations = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var lines = new List<JsonElement>();
            foreach (var text in fixture.Server.Output.Where(l => l.StartsWith('{')
                && (l.Contains(bucket, StringComparison.Ordinal) || (alsoRequestId is not null && l.Contains(alsoRequestId, StringComparison.Ordinal)))))
            {
                var entry = JsonDocument.Parse(text).RootElement.Clone();
                if (entry.GetProperty("Category").GetString() != "Nuage.S3.Requests")
                {
                    continue;
                }

                Assert.Equal("Information", entry.GetProperty("LogLevel").GetString());
                var time = DateTimeOffset.Parse(entry.GetProperty("Timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(Math.Abs((DateTimeOffset.UtcNow - time).TotalMinutes) < 10, $"timestamp {time}");
                lines.Add(entry.GetProperty("State"));
            }

            bool complete = lines.Count >= expectedAtLeast
                && (requiredOperations ?? []).All(o => lines.Any(l => l.GetProperty("Operation").GetString() == o));
            if (complete || DateTime.UtcNow > deadline)
            {
                Assert.True(lines.Count >= expectedAtLeast, $"expected {expectedAtLeast} request lines for {bucket}, found {lines.Count}");
                return lines;
            }

            await Task.Delay(100);
        }
    }
}

using System.Net;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Integration.Tests.BadInput;
using Nuage.Testing;
using Xunit;
using static Nuage.Integration.Tests.Access.Matrix.MatrixAttempt;

namespace Nuage.Integration.Tests.Access.Matrix;

/// <summary>
/// One cell: A's root prepares what the operation needs under keys of the cell's own (so cells are independent),
/// the principal makes the one request, and the outcome is observed. An allowed request must really have done its
/// work; after a denied write the operator checks that nothing was created, changed or deleted.
/// </summary>
internal sealed class MatrixCellRunner(AuthorizationMatrixFixture fixture)
{
    private const string Content = "written by A's root";
    private const string Written = "written by the principal of the cell";

    private AmazonS3Client Owner => fixture.Owner;

    public Task<MatrixOutcome> RunAsync(MatrixPrincipal principal, MatrixOperation operation)
    {
        var s3 = fixture.ClientOf(principal);
        var bucket = fixture.BucketOf(principal);
        var key = $"cell-{fixture.NextId()}/{principal}-{operation}";
        return operation switch
        {
            MatrixOperation.ListBuckets => ListBucketsAsync(s3, bucket),
            MatrixOperation.CreateBucket => CreateBucketAsync(s3),
            MatrixOperation.HeadBucket => OutcomeOf(() => s3.HeadBucketAsync(new HeadBucketRequest { BucketName = bucket }), head: true),
            MatrixOperation.GetBucketLocation => OutcomeOf(() => s3.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = bucket })),
            MatrixOperation.GetBucketVersioning => OutcomeOf(() => s3.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = bucket })),
            MatrixOperation.ListObjects => ListObjectsAsync(s3, bucket, key),
            MatrixOperation.ListObjectsV2 => ListObjectsV2Async(s3, bucket, key),
            MatrixOperation.ListMultipartUploads => ListMultipartUploadsAsync(s3, bucket, key),
            MatrixOperation.PutObject => PutObjectAsync(s3, bucket, key),
            MatrixOperation.GetObject => GetObjectAsync(s3, bucket, key),
            MatrixOperation.HeadObject => HeadObjectAsync(s3, bucket, key),
            MatrixOperation.CopyObject => CopyObjectAsync(s3, bucket, key),
            MatrixOperation.DeleteObject => DeleteObjectAsync(s3, bucket, key),
            MatrixOperation.DeleteObjects => DeleteObjectsAsync(s3, bucket, key),
            MatrixOperation.CreateMultipartUpload => CreateMultipartUploadAsync(s3, bucket, key),
            MatrixOperation.UploadPart => UploadPartAsync(s3, bucket, key),
            MatrixOperation.CompleteMultipartUpload => CompleteMultipartUploadAsync(s3, bucket, key),
            MatrixOperation.AbortMultipartUpload => AbortMultipartUploadAsync(s3, bucket, key),
            MatrixOperation.ListParts => ListPartsAsync(s3, bucket, key),
            MatrixOperation.UploadPartCopy => UploadPartCopyAsync(s3, bucket, key),
            MatrixOperation.GetBucketPolicy => GetBucketPolicyAsync(s3, principal, bucket),
            MatrixOperation.PutBucketPolicy => PutBucketPolicyAsync(s3, principal),
            MatrixOperation.DeleteBucketPolicy => DeleteBucketPolicyAsync(s3, principal),
            MatrixOperation.GetBucketAcl => GetBucketAclAsync(s3, bucket),
            MatrixOperation.GetObjectAcl => GetObjectAclAsync(s3, bucket, key),
            MatrixOperation.GetBucketOwnershipControls => GetBucketOwnershipControlsAsync(s3, bucket),
            MatrixOperation.GetPublicAccessBlock => OutcomeOf(() => s3.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = bucket })),
            MatrixOperation.DeleteBucket => DeleteBucketAsync(s3, principal),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
        };
    }

    private static async Task<MatrixOutcome> OutcomeOf(Func<Task> call, bool head = false) => Outcome(await DeniedAsync(call, head));

    /// <summary>Allow: the bucket under test is listed; Hidden: the answer does not list it.</summary>
    private static async Task<MatrixOutcome> ListBucketsAsync(AmazonS3Client s3, string bucket)
    {
        ListBucketsResponse? response = null;
        if (await DeniedAsync(async () => response = await s3.ListBucketsAsync()))
        {
            return MatrixOutcome.Deny;
        }

        return (response!.Buckets ?? []).Any(b => b.BucketName == bucket) ? MatrixOutcome.Allow : MatrixOutcome.Hidden;
    }

    private async Task<MatrixOutcome> CreateBucketAsync(AmazonS3Client s3)
    {
        var name = fixture.NewUnpolicedBucketName();
        var denied = await DeniedAsync(() => s3.PutBucketAsync(name));
        Assert.True(denied != await BucketExistsAsync(name), denied ? "a denied CreateBucket created the bucket" : "the bucket is missing");
        return Outcome(denied);
    }

    private async Task<MatrixOutcome> ListObjectsAsync(AmazonS3Client s3, string bucket, string key)
    {
        await PutAsync(bucket, key);
        ListObjectsResponse? response = null;
        var denied = await DeniedAsync(async () => response = await s3.ListObjectsAsync(new ListObjectsRequest { BucketName = bucket, Prefix = key }));
        if (!denied)
        {
            Assert.Equal(key, Assert.Single(response!.S3Objects ?? []).Key);
        }

        return Outcome(denied);
    }

    private async Task<MatrixOutcome> ListObjectsV2Async(AmazonS3Client s3, string bucket, string key)
    {
        await PutAsync(bucket, key);
        ListObjectsV2Response? response = null;
        var denied = await DeniedAsync(async () => response = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = key }));
        if (!denied)
        {
            Assert.Equal(key, Assert.Single(response!.S3Objects ?? []).Key);
        }

        return Outcome(denied);
    }

    private async Task<MatrixOutcome> ListMultipartUploadsAsync(AmazonS3Client s3, string bucket, string key)
    {
        var uploadId = await InitiateAsync(bucket, key);
        ListMultipartUploadsResponse? response = null;
        var denied = await DeniedAsync(async () =>
            response = await s3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket, Prefix = key }));
        if (!denied)
        {
            Assert.Equal(uploadId, Assert.Single(response!.MultipartUploads ?? []).UploadId);
        }

        return Outcome(denied);
    }

    private async Task<MatrixOutcome> PutObjectAsync(AmazonS3Client s3, string bucket, string key)
    {
        var denied = await DeniedAsync(() => s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = Written }));
        Assert.Equal(denied ? null : Written, await ObjectTextAsync(bucket, key));
        return Outcome(denied);
    }

    private async Task<MatrixOutcome> GetObjectAsync(AmazonS3Client s3, string bucket, string key)
    {
        await PutAsync(bucket, key);
        string? text = null;
        var denied = await DeniedAsync(async () =>
        {
            using var response = await s3.GetObjectAsync(bucket, key);
            text = await new StreamReader(response.ResponseStream).ReadToEndAsync();
        });
        Assert.Equal(denied ? null : Content, text);
        return Outcome(denied);
    }

    private async Task<MatrixOutcome> HeadObjectAsync(AmazonS3Client s3, string bucket, string key)
    {
        await PutAsync(bucket, key);
        GetObjectMetadataResponse? response = null;
        var denied = await DeniedAsync(async () => response = await s3.GetObjectMetadataAsync(bucket, key), head: true);
        if (!denied)
        {
            Assert.Equal(Content.Length, response!.ContentLength);
        }

        return Outcome(denied);
    }

    private async Task<MatrixOutcome> CopyObjectAsync(AmazonS3Client s3, string bucket, string key)
    {
        var source = key + "-source";
        await PutAsync(bucket, source);
        var denied = await DeniedAsync(() => s3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket, SourceKey = source, DestinationBucket = bucket, DestinationKey = key,
        }));
        Assert.Equal(denied ? null : Content, await ObjectTextAsync(bucket, key));
        Assert.Equal(Content, await ObjectTextAsync(bucket, source));
        return Outcome(denied);
    }

    private async Task<MatrixOutcome> DeleteObjectAsync(AmazonS3Client s3, string bucket, string key)
    {
        await PutAsync(bucket, key);
        var denied = await DeniedAsync(() => s3.DeleteObjectAsync(bucket, key));
        Assert.Equal(denied ? Content : null, await ObjectTextAsync(bucket, key));
        return Outcome(denied);
    }

    /// <summary>Two keys; the answer's per-key results decide: all deleted is Allow, all AccessDenied is Deny.</summary>
    private async Task<MatrixOutcome> DeleteObjectsAsync(AmazonS3Client s3, string bucket, string key)
    {
        string[] keys = [key + "-1", key + "-2"];
        foreach (var k in keys)
        {
            await PutAsync(bucket, k);
        }

        DeleteObjectsResponse? response = null;
        var request = new DeleteObjectsRequest { BucketName = bucket, Objects = keys.Select(k => new KeyVersion { Key = k }).ToList() };
        var deniedWhole = await DeniedAsync(async () =>
        {
            try
            {
                response = await s3.DeleteObjectsAsync(request);
            }
            catch (DeleteObjectsException e)
            {
                response = e.Response;
            }
        });
        var deleted = response?.DeletedObjects?.Select(d => d.Key).Order().ToList() ?? [];
        var errors = response?.DeleteErrors ?? [];
        bool denied;
        if (deniedWhole || (errors.Count == keys.Length && errors.All(e => e.Code == "AccessDenied")))
        {
            denied = true;
        }
        else
        {
            Assert.True(errors.Count == 0, "DeleteObjects errors: " + string.Join(", ", errors.Select(e => $"{e.Key} {e.Code}")));
            Assert.Equal(keys, deleted);
            denied = false;
        }

        foreach (var k in keys)
        {
            Assert.Equal(denied ? Content : null, await ObjectTextAsync(bucket, k));
        }

        return Outcome(denied);
    }

    private async Task<MatrixOutcome> CreateMultipartUploadAsync(AmazonS3Client s3, string bucket, string key)
    {
        InitiateMultipartUploadResponse? response = null;
        var denied = await DeniedAsync(async () =>
            response = await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = key }));
        Assert.Equal(denied ? [] : [response!.UploadId], await UploadIdsAsync(bucket, key));
        return Outcome(denied);
    }

    private async Task<MatrixOutcome> UploadPartAsync(AmazonS3Client s3, string bucket, string key)
    {
        var uploadId = await InitiateAsync(bucket, key);
        var denied = await DeniedAsync(() => s3.UploadPartAsync(Part(bucket, key, uploadId, Written)));
        Assert.Equal(denied ? 0 : 1, await PartCountAsync(bucket, key, uploadId));
        return Outcome(denied);
    }

    private async Task<MatrixOutcome> CompleteMultipartUploadAsync(AmazonS3Client s3, string bucket, string key)
    {
        var uploadId = await InitiateAsync(bucket, key);
        var part = await Owner.UploadPartAsync(Part(bucket, key, uploadId, Content));
        var denied = await DeniedAsync(() => s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket, Key = key, UploadId = uploadId, PartETags = [new PartETag(1, part.ETag)],
        }));
        Assert.Equal(denied ? null : Content, await ObjectTextAsync(bucket, key));
        Assert.Equal(denied ? [uploadId] : [], await UploadIdsAsync(bucket, key));
        return Outcome(denied);
    }

    private async Task<MatrixOutcome> AbortMultipartUploadAsync(AmazonS3Client s3, string bucket, string key)
    {
        var uploadId = await InitiateAsync(bucket, key);
        var denied = await DeniedAsync(() => s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId }));
        Assert.Equal(denied ? [uploadId] : [], await UploadIdsAsync(bucket, key));
        return Outcome(denied);
    }

    private async Task<MatrixOutcome> ListPartsAsync(AmazonS3Client s3, string bucket, string key)
    {
        var uploadId = await InitiateAsync(bucket, key);
        await Owner.UploadPartAsync(Part(bucket, key, uploadId, Content));
        ListPartsResponse? response = null;
        var denied = await DeniedAsync(async () =>
            response = await s3.ListPartsAsync(new ListPartsRequest { BucketName = bucket, Key = key, UploadId = uploadId }));
        if (!denied)
        {
            Assert.Equal(1, Assert.Single(response!.Parts ?? []).PartNumber);
        }

        return Outcome(denied);
    }

    private async Task<MatrixOutcome> UploadPartCopyAsync(AmazonS3Client s3, string bucket, string key)
    {
        var source = key + "-source";
        await PutAsync(bucket, source);
        var uploadId = await InitiateAsync(bucket, key);
        var denied = await DeniedAsync(() => s3.CopyPartAsync(new CopyPartRequest
        {
            SourceBucket = bucket, SourceKey = source, DestinationBucket = bucket, DestinationKey = key, UploadId = uploadId, PartNumber = 1,
        }));
        Assert.Equal(denied ? 0 : 1, await PartCountAsync(bucket, key, uploadId));
        return Outcome(denied);
    }

    private async Task<MatrixOutcome> GetBucketPolicyAsync(AmazonS3Client s3, MatrixPrincipal principal, string bucket)
    {
        string? policy = null;
        var outcome = await PolicyCallAsync(async () => policy = (await s3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = bucket })).Policy);
        if (outcome == MatrixOutcome.Allow)
        {
            Assert.Equal(fixture.PolicyFor(AuthorizationMatrixFixture.KindOf(principal), bucket), policy);
        }

        return outcome;
    }

    private async Task<MatrixOutcome> PutBucketPolicyAsync(AmazonS3Client s3, MatrixPrincipal principal)
    {
        var kind = AuthorizationMatrixFixture.KindOf(principal);
        var bucket = await fixture.CreateCopyOfAsync(principal);
        var changed = fixture.PolicyFor(kind, bucket, sid: "ChangedByTheCell");
        var outcome = await PolicyCallAsync(() => s3.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = bucket, Policy = changed }));
        Assert.Equal(outcome != MatrixOutcome.Allow ? fixture.PolicyFor(kind, bucket) : changed, await PolicyTextAsync(bucket));
        return outcome;
    }

    private async Task<MatrixOutcome> DeleteBucketPolicyAsync(AmazonS3Client s3, MatrixPrincipal principal)
    {
        var bucket = await fixture.CreateCopyOfAsync(principal);
        var outcome = await PolicyCallAsync(() => s3.DeleteBucketPolicyAsync(new DeleteBucketPolicyRequest { BucketName = bucket }));
        Assert.Equal(outcome != MatrixOutcome.Allow ? fixture.PolicyFor(AuthorizationMatrixFixture.KindOf(principal), bucket) : null, await PolicyTextAsync(bucket));
        return outcome;
    }

    private static async Task<MatrixOutcome> GetBucketAclAsync(AmazonS3Client s3, string bucket)
    {
        GetBucketAclResponse? response = null;
        var denied = await DeniedAsync(async () => response = await s3.GetBucketAclAsync(new GetBucketAclRequest { BucketName = bucket }));
        if (!denied)
        {
            Assert.Equal(S3Permission.FULL_CONTROL, Assert.Single(response!.Grants).Permission);
        }

        return Outcome(denied);
    }

    private async Task<MatrixOutcome> GetObjectAclAsync(AmazonS3Client s3, string bucket, string key)
    {
        await PutAsync(bucket, key);
        GetObjectAclResponse? response = null;
        var denied = await DeniedAsync(async () => response = await s3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = bucket, Key = key }));
        if (!denied)
        {
            Assert.Equal(S3Permission.FULL_CONTROL, Assert.Single(response!.Grants).Permission);
        }

        return Outcome(denied);
    }

    private static async Task<MatrixOutcome> GetBucketOwnershipControlsAsync(AmazonS3Client s3, string bucket)
    {
        GetBucketOwnershipControlsResponse? response = null;
        var denied = await DeniedAsync(async () =>
            response = await s3.GetBucketOwnershipControlsAsync(new GetBucketOwnershipControlsRequest { BucketName = bucket }));
        if (!denied)
        {
            Assert.Equal(ObjectOwnership.BucketOwnerEnforced, Assert.Single(response!.OwnershipControls.Rules).ObjectOwnership);
        }

        return Outcome(denied);
    }

    private async Task<MatrixOutcome> DeleteBucketAsync(AmazonS3Client s3, MatrixPrincipal principal)
    {
        var bucket = await fixture.CreateCopyOfAsync(principal);
        var denied = await DeniedAsync(() => s3.DeleteBucketAsync(bucket));
        Assert.True(denied == await BucketExistsAsync(bucket), denied ? "a denied DeleteBucket removed the bucket" : "the bucket is still there");
        return Outcome(denied);
    }

    private Task PutAsync(string bucket, string key) =>
        Owner.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = Content });

    private async Task<string> InitiateAsync(string bucket, string key) =>
        (await Owner.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = key })).UploadId;

    private static UploadPartRequest Part(string bucket, string key, string uploadId, string text) => new()
    {
        BucketName = bucket, Key = key, UploadId = uploadId, PartNumber = 1, InputStream = new MemoryStream(Encoding.UTF8.GetBytes(text)),
    };

    // What the operator sees after a cell.
    private async Task<string?> ObjectTextAsync(string bucket, string key)
    {
        try
        {
            using var response = await fixture.Operator.GetObjectAsync(bucket, key);
            return await new StreamReader(response.ResponseStream).ReadToEndAsync();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<bool> BucketExistsAsync(string bucket)
    {
        try
        {
            await fixture.Operator.HeadBucketAsync(new HeadBucketRequest { BucketName = bucket });
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private async Task<List<string>> UploadIdsAsync(string bucket, string key)
    {
        var response = await fixture.Operator.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket, Prefix = key });
        return (response.MultipartUploads ?? []).Where(u => u.Key == key).Select(u => u.UploadId).ToList();
    }

    private async Task<int> PartCountAsync(string bucket, string key, string uploadId) =>
        ((await fixture.Operator.ListPartsAsync(new ListPartsRequest { BucketName = bucket, Key = key, UploadId = uploadId })).Parts ?? []).Count;

    /// <summary>The stored bucket policy, null when there is none (the SDK does not raise GetBucketPolicy's 404, so this is a raw request).</summary>
    private async Task<string?> PolicyTextAsync(string bucket)
    {
        using var http = new SignedHttpClient(fixture.Endpoint);
        using var response = await http.SendAsync(http.Create(HttpMethod.Get, SigV4Signer.EncodePath(bucket), [("policy", "")]));
        var text = await response.Content.ReadAsStringAsync();
        return response.StatusCode switch
        {
            HttpStatusCode.OK => text,
            HttpStatusCode.NotFound => null,
            _ => throw new Xunit.Sdk.XunitException($"The operator's GetBucketPolicy answered {(int)response.StatusCode}: {text}"),
        };
    }
}

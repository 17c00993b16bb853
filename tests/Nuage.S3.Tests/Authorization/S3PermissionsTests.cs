using Nuage.S3.Authorization;
using Nuage.S3.Routing;
using Nuage.S3.Routing.Operations;
using Nuage.Storage.Multipart;
using Xunit;

namespace Nuage.S3.Tests.Authorization;

public sealed class S3PermissionsTests
{
    public static TheoryData<S3Operation, string> Operations => new()
    {
        { new ListBucketsOperation(null, 10, null), "s3:ListAllMyBuckets *" },
        { new CreateBucketOperation("b"), "s3:CreateBucket arn:aws:s3:::b" },
        { new HeadBucketOperation("b"), "s3:ListBucket arn:aws:s3:::b" },
        { new DeleteBucketOperation("b"), "s3:DeleteBucket arn:aws:s3:::b" },
        { new GetBucketLocationOperation("b"), "s3:GetBucketLocation arn:aws:s3:::b" },
        { new GetBucketVersioningOperation("b"), "s3:GetBucketVersioning arn:aws:s3:::b" },
        { new PutBucketVersioningOperation("b"), "s3:PutBucketVersioning arn:aws:s3:::b" },
        { new ListObjectVersionsOperation("b", "", null, null, null, 1000, false), "s3:ListBucketVersions arn:aws:s3:::b" },
        { new PutObjectOperation("b", "k") { Lock = new RequestedLock(Retention: true, LegalHold: false) }, "s3:PutObject arn:aws:s3:::b/k | s3:PutObjectRetention arn:aws:s3:::b/k" },
        { new CreateMultipartUploadOperation("b", "k") { Lock = new RequestedLock(Retention: true, LegalHold: true) }, "s3:PutObject arn:aws:s3:::b/k | s3:PutObjectRetention arn:aws:s3:::b/k | s3:PutObjectLegalHold arn:aws:s3:::b/k" },
        { new GetBucketLifecycleConfigurationOperation("b"), "s3:GetLifecycleConfiguration arn:aws:s3:::b" },
        { new PutBucketLifecycleConfigurationOperation("b"), "s3:PutLifecycleConfiguration arn:aws:s3:::b" },
        { new DeleteBucketLifecycleOperation("b"), "s3:PutLifecycleConfiguration arn:aws:s3:::b" },
        { new GetObjectLockConfigurationOperation("b"), "s3:GetBucketObjectLockConfiguration arn:aws:s3:::b" },
        { new PutObjectLockConfigurationOperation("b"), "s3:PutBucketObjectLockConfiguration arn:aws:s3:::b" },
        { new GetObjectRetentionOperation("b", "k", null), "s3:GetObjectRetention arn:aws:s3:::b/k" },
        { new PutObjectRetentionOperation("b", "k", "v1", BypassGovernance: true), "s3:PutObjectRetention arn:aws:s3:::b/k | s3:BypassGovernanceRetention arn:aws:s3:::b/k" },
        { new GetObjectLegalHoldOperation("b", "k", null), "s3:GetObjectLegalHold arn:aws:s3:::b/k" },
        { new PutObjectLegalHoldOperation("b", "k", null), "s3:PutObjectLegalHold arn:aws:s3:::b/k" },
        { new DeleteObjectOperation("b", "k", "v1", null, BypassGovernance: true), "s3:DeleteObjectVersion arn:aws:s3:::b/k | s3:BypassGovernanceRetention arn:aws:s3:::b/k" },
        { new ListObjectsOperation("b", "p/", "/", null, 10, false), "s3:ListBucket arn:aws:s3:::b" },
        { new ListObjectsV2Operation("b", "", null, null, null, null, 10, false, false), "s3:ListBucket arn:aws:s3:::b" },
        { new ListMultipartUploadsOperation("b", "", null, null, null, 10, false), "s3:ListBucketMultipartUploads arn:aws:s3:::b" },
        { new DeleteObjectsOperation("b"), "" },
        { new PostObjectOperation("b"), "" },
        { new PutObjectOperation("b", "k/1"), "s3:PutObject arn:aws:s3:::b/k/1" },
        { new CopyObjectOperation("b", "k", new CopySource("src", "s", null), MetadataDirective.Copy), "s3:GetObject arn:aws:s3:::src/s | s3:PutObject arn:aws:s3:::b/k" },
        { new CopyObjectOperation("b", "k", new CopySource("src", "s", "v2"), MetadataDirective.Replace), "s3:GetObjectVersion arn:aws:s3:::src/s | s3:PutObject arn:aws:s3:::b/k" },
        { new GetObjectOperation("b", "k", null, null, ResponseOverrides.None), "s3:GetObject arn:aws:s3:::b/k" },
        { new GetObjectOperation("b", "k", "v1", null, ResponseOverrides.None), "s3:GetObjectVersion arn:aws:s3:::b/k" },
        { new HeadObjectOperation("b", "k", null, 1, ResponseOverrides.None), "s3:GetObject arn:aws:s3:::b/k" },
        { new GetObjectAttributesOperation("b", "k", null, new HashSet<string> { "ETag" }, 1000, 0), "s3:GetObject arn:aws:s3:::b/k | s3:GetObjectAttributes arn:aws:s3:::b/k" },
        { new GetObjectAttributesOperation("b", "k", "v1", new HashSet<string> { "ETag" }, 1000, 0), "s3:GetObjectVersion arn:aws:s3:::b/k | s3:GetObjectVersionAttributes arn:aws:s3:::b/k" },
        { new DeleteObjectOperation("b", "k", null), "s3:DeleteObject arn:aws:s3:::b/k" },
        { new DeleteObjectOperation("b", "k", "v1"), "s3:DeleteObjectVersion arn:aws:s3:::b/k" },
        { new DeleteObjectOperation("b", "k", null, "\"etag\""), "s3:DeleteObject arn:aws:s3:::b/k | s3:GetObject arn:aws:s3:::b/k" },
        { new DeleteObjectOperation("b", "k", null, "*"), "s3:DeleteObject arn:aws:s3:::b/k" },
        { new CreateMultipartUploadOperation("b", "k"), "s3:PutObject arn:aws:s3:::b/k" },
        { new UploadPartOperation("b", "k", "u", 1), "s3:PutObject arn:aws:s3:::b/k" },
        { new UploadPartCopyOperation("b", "k", "u", 1, new CopySource("src", "s", null), new ByteRange(0, 9)), "s3:GetObject arn:aws:s3:::src/s | s3:PutObject arn:aws:s3:::b/k" },
        { new CompleteMultipartUploadOperation("b", "k", "u"), "s3:PutObject arn:aws:s3:::b/k" },
        { new AbortMultipartUploadOperation("b", "k", "u"), "s3:AbortMultipartUpload arn:aws:s3:::b/k" },
        { new ListPartsOperation("b", "k", "u", 0, 10), "s3:ListMultipartUploadParts arn:aws:s3:::b/k" },
        { new GetBucketPolicyOperation("b"), "s3:GetBucketPolicy arn:aws:s3:::b" },
        { new PutBucketPolicyOperation("b"), "s3:PutBucketPolicy arn:aws:s3:::b" },
        { new DeleteBucketPolicyOperation("b"), "s3:DeleteBucketPolicy arn:aws:s3:::b" },
        { new GetBucketPolicyStatusOperation("b"), "s3:GetBucketPolicyStatus arn:aws:s3:::b" },
        { new GetBucketAclOperation("b"), "s3:GetBucketAcl arn:aws:s3:::b" },
        { new PutBucketAclOperation("b", null), "s3:PutBucketAcl arn:aws:s3:::b" },
        { new GetObjectAclOperation("b", "k", null), "s3:GetObjectAcl arn:aws:s3:::b/k" },
        { new GetObjectAclOperation("b", "k", "v"), "s3:GetObjectVersionAcl arn:aws:s3:::b/k" },
        { new PutObjectAclOperation("b", "k", null, null), "s3:PutObjectAcl arn:aws:s3:::b/k" },
        { new GetBucketOwnershipControlsOperation("b"), "s3:GetBucketOwnershipControls arn:aws:s3:::b" },
        { new PutBucketOwnershipControlsOperation("b"), "s3:PutBucketOwnershipControls arn:aws:s3:::b" },
        { new DeleteBucketOwnershipControlsOperation("b"), "s3:PutBucketOwnershipControls arn:aws:s3:::b" },
        { new GetPublicAccessBlockOperation("b"), "s3:GetBucketPublicAccessBlock arn:aws:s3:::b" },
        { new PutPublicAccessBlockOperation("b"), "s3:PutBucketPublicAccessBlock arn:aws:s3:::b" },
        { new DeletePublicAccessBlockOperation("b"), "s3:PutBucketPublicAccessBlock arn:aws:s3:::b" },
        { new GetBucketCorsOperation("b"), "s3:GetBucketCORS arn:aws:s3:::b" },
        { new PutBucketCorsOperation("b"), "s3:PutBucketCORS arn:aws:s3:::b" },
        { new DeleteBucketCorsOperation("b"), "s3:PutBucketCORS arn:aws:s3:::b" },
        { new OptionsObjectOperation("b", "k"), "" },
        { new GetBucketTaggingOperation("b"), "s3:GetBucketTagging arn:aws:s3:::b" },
        { new PutBucketTaggingOperation("b"), "s3:PutBucketTagging arn:aws:s3:::b" },
        { new DeleteBucketTaggingOperation("b"), "s3:PutBucketTagging arn:aws:s3:::b" },
        { new GetBucketEncryptionOperation("b"), "s3:GetEncryptionConfiguration arn:aws:s3:::b" },
        { new PutBucketEncryptionOperation("b"), "s3:PutEncryptionConfiguration arn:aws:s3:::b" },
        { new DeleteBucketEncryptionOperation("b"), "s3:PutEncryptionConfiguration arn:aws:s3:::b" },
        { new GetBucketLoggingOperation("b"), "s3:GetBucketLogging arn:aws:s3:::b" },
        { new PutBucketLoggingOperation("b"), "s3:PutBucketLogging arn:aws:s3:::b" },
        { new GetBucketNotificationConfigurationOperation("b"), "s3:GetBucketNotification arn:aws:s3:::b" },
        { new PutBucketNotificationConfigurationOperation("b"), "s3:PutBucketNotification arn:aws:s3:::b" },
        { new GetBucketReplicationOperation("b"), "s3:GetReplicationConfiguration arn:aws:s3:::b" },
        { new PutBucketReplicationOperation("b"), "s3:PutReplicationConfiguration arn:aws:s3:::b" },
        { new DeleteBucketReplicationOperation("b"), "s3:PutReplicationConfiguration arn:aws:s3:::b" },
        { new GetObjectTaggingOperation("b", "k", null), "s3:GetObjectTagging arn:aws:s3:::b/k" },
        { new PutObjectTaggingOperation("b", "k", null), "s3:PutObjectTagging arn:aws:s3:::b/k" },
        { new DeleteObjectTaggingOperation("b", "k", null), "s3:DeleteObjectTagging arn:aws:s3:::b/k" },
        { new GetObjectTaggingOperation("b", "k", "v1"), "s3:GetObjectVersionTagging arn:aws:s3:::b/k" },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public void Each_operation_needs_its_documented_actions(S3Operation operation, string expected)
    {
        var actual = string.Join(" | ", S3Permissions.For(operation).Select(p => p.Action + " " + p.Resource));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Every_action_of_the_router_has_a_permission_row()
    {
        var covered = Operations.Select(row => ((S3Operation)row[0]).Action).ToHashSet();
        Assert.Equal(Enum.GetValues<S3Action>().ToHashSet(), covered);
    }

    [Fact]
    public void Bucket_policy_actions_are_for_the_owner_account_only()
    {
        Assert.True(S3Permissions.For(new PutBucketPolicyOperation("b"))[0].OwnerAccountOnly);
        Assert.True(S3Permissions.For(new GetBucketPolicyOperation("b"))[0].OwnerAccountOnly);
        Assert.True(S3Permissions.For(new DeleteBucketPolicyOperation("b"))[0].OwnerAccountOnly);
        Assert.False(S3Permissions.For(new GetObjectOperation("b", "k", null, null, ResponseOverrides.None))[0].OwnerAccountOnly);
    }

    [Fact]
    public void A_canned_acl_on_a_write_is_the_s3_x_amz_acl_condition_key()
    {
        var put = Assert.Single(S3Permissions.For(new PutObjectOperation("b", "k", new RequestAcl("public-read", null))));
        Assert.Equal("public-read", put.Conditions!["s3:x-amz-acl"]);
        Assert.Null(Assert.Single(S3Permissions.For(new PutObjectOperation("b", "k"))).Conditions);
    }

    [Fact]
    public void Every_permission_names_an_action_the_policy_language_knows()
    {
        foreach (var row in Operations)
        {
            foreach (var permission in S3Permissions.For((S3Operation)row[0]))
            {
                var policy = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"{{permission.Action}}","Resource":"*"}]}""";
                Nuage.Iam.Policies.PolicyDocument.Parse(policy, Nuage.Iam.Policies.PolicyKind.Identity);
            }
        }
    }

    [Fact]
    public void Listing_carries_its_condition_keys()
    {
        var permission = Assert.Single(S3Permissions.For(new ListObjectsOperation("b", "home/alice/", "/", null, 50, false)));
        Assert.Equal("home/alice/", permission.Conditions!["s3:prefix"]);
        Assert.Equal("/", permission.Conditions["s3:delimiter"]);
        Assert.Equal("50", permission.Conditions["s3:max-keys"]);
    }

    [Fact]
    public void Copy_carries_its_source_and_directive_as_condition_keys()
    {
        var put = S3Permissions.For(new CopyObjectOperation("b", "k", new CopySource("src", "s", null), MetadataDirective.Replace) { DirectiveSent = true })[1];
        Assert.Equal("src/s", put.Conditions!["s3:x-amz-copy-source"]);
        Assert.Equal("REPLACE", put.Conditions["s3:x-amz-metadata-directive"]);

        // Without the header the key is absent (the directive defaults to COPY, but a policy requiring the header
        // to say COPY must not be met by its absence).
        var unsent = S3Permissions.For(new CopyObjectOperation("b", "k", new CopySource("src", "s", null), MetadataDirective.Copy))[1];
        Assert.False(unsent.Conditions!.ContainsKey("s3:x-amz-metadata-directive"));
    }

    [Fact]
    public void Writes_carry_the_encryption_headers_they_were_routed_with_as_condition_keys()
    {
        var headers = new Microsoft.AspNetCore.Http.HeaderDictionary { ["x-amz-server-side-encryption"] = "AES256" };
        var put = S3Router.Route("PUT", S3RequestTarget.Parse("/b/k", "localhost", null), new Microsoft.AspNetCore.Http.QueryCollection(), headers);
        Assert.Equal("AES256", Assert.Single(S3Permissions.For(put)).Conditions!["s3:x-amz-server-side-encryption"]);

        var customer = new Microsoft.AspNetCore.Http.HeaderDictionary { ["x-amz-server-side-encryption-customer-algorithm"] = "AES256" };
        var create = S3Router.Route("POST", S3RequestTarget.Parse("/b/k", "localhost", null), new Microsoft.AspNetCore.Http.QueryCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { ["uploads"] = "" }), customer);
        Assert.Equal("AES256", Assert.Single(S3Permissions.For(create)).Conditions!["s3:x-amz-server-side-encryption-customer-algorithm"]);

        var plain = S3Router.Route("PUT", S3RequestTarget.Parse("/b/k", "localhost", null), new Microsoft.AspNetCore.Http.QueryCollection(), new Microsoft.AspNetCore.Http.HeaderDictionary());
        Assert.False(Assert.Single(S3Permissions.For(plain)).Conditions?.ContainsKey("s3:x-amz-server-side-encryption") ?? false);
    }
}

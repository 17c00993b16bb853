using System.Net;
using Amazon.Runtime;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Admin;
using Xunit;

namespace Nuage.Integration.Tests.Regions;

/// <summary>
/// Issue 17: an account is deleted at the control region, and refused (409 DeleteConflict, as for a bucket of the
/// control region) while it owns a bucket in any region: the control region's registry knows every bucket's owner.
/// </summary>
public sealed class AccountDeletionAcrossRegionsTests(ThreeRegionsFixture regions) : IClassFixture<ThreeRegionsFixture>
{
    [Fact]
    public async Task An_account_with_a_bucket_in_another_region_cannot_be_deleted_until_that_bucket_is_gone()
    {
        var federation = regions.Federation;
        var account = await FederatedIdentities.CreateAccountAsync(federation["paris"].ConsoleEndpoint, "leaving");
        await FederatedIdentities.EventuallyAsync(() => FederatedIdentities.AcceptsAsync(federation["singapore"], account.KeyId, account.Secret), "singapore takes the new key");
        var bucket = regions.NewBucketName("far-away");
        using var singapore = federation["singapore"].CreateS3Client(new BasicAWSCredentials(account.KeyId, account.Secret));
        await singapore.PutBucketAsync(new PutBucketRequest { BucketName = bucket });

        // Paris has no bucket of the account in its own table; its registry has the one in Singapore.
        using var atControl = AdminApi.AsOperator(federation["paris"].ConsoleEndpoint);
        var refused = (await atControl.DeleteAsync($"/api/accounts/{account.Name}")).ExpectError(HttpStatusCode.Conflict, "DeleteConflict");
        Assert.Contains("buckets", refused.ErrorMessage, StringComparison.Ordinal);

        // Sent to a member region, the delete is forwarded to Paris and refused there alike.
        using var atDubai = AdminApi.AsOperator(federation["dubai"].ConsoleEndpoint);
        (await atDubai.DeleteAsync($"/api/accounts/{account.Name}")).ExpectError(HttpStatusCode.Conflict, "DeleteConflict");

        // The account is whole: its key still works in Singapore.
        Assert.True(await FederatedIdentities.AcceptsAsync(federation["singapore"], account.KeyId, account.Secret));

        await singapore.DeleteBucketAsync(bucket);
        (await atControl.DeleteAsync($"/api/accounts/{account.Name}")).Expect(HttpStatusCode.NoContent);
        (await atControl.GetAsync($"/api/accounts/{account.Name}")).ExpectError(HttpStatusCode.NotFound, "NoSuchEntity");
        foreach (var region in ThreeRegionsFixture.Names)
        {
            federation[region].AssertNoErrors();
        }
    }

    [Fact]
    public async Task A_bucket_claim_for_an_account_deleted_meanwhile_is_refused_at_the_control_region()
    {
        var federation = regions.Federation;
        var account = await FederatedIdentities.CreateAccountAsync(federation["paris"].ConsoleEndpoint, "racing");
        using var atControl = AdminApi.AsOperator(federation["paris"].ConsoleEndpoint);
        string accountId = (await atControl.GetAsync($"/api/accounts/{account.Name}")).Expect(HttpStatusCode.OK).String("id");
        (await atControl.DeleteAsync($"/api/accounts/{account.Name}")).Expect(HttpStatusCode.NoContent);

        // What Singapore sends for a CreateBucket it authenticated from its copy of the accounts before the deletion
        // reached it: the control region refuses it in the unit of work that would insert the name.
        var bucket = regions.NewBucketName("orphan");
        var claim = (await atControl.PostAsync("/api/federation/buckets", new { name = bucket, owner = accountId, region = "singapore", forNewBucket = true }))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("OwnerUnknown", claim.String("outcome"));
        (await atControl.GetAsync($"/api/federation/buckets/{bucket}")).ExpectError(HttpStatusCode.NotFound, "NoSuchBucket");

        // The same claim for a live account goes through (Singapore's sweep frees the name later: it has no such bucket).
        var staying = await FederatedIdentities.CreateAccountAsync(federation["paris"].ConsoleEndpoint, "staying");
        string stayingId = (await atControl.GetAsync($"/api/accounts/{staying.Name}")).Expect(HttpStatusCode.OK).String("id");
        var granted = (await atControl.PostAsync("/api/federation/buckets", new { name = bucket, owner = stayingId, region = "singapore", forNewBucket = true }))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("Claimed", granted.String("outcome"));
    }
}

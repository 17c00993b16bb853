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
}

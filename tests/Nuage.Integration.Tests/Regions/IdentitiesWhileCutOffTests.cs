using System.Net;
using Amazon.Runtime;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Admin;
using Nuage.Integration.Tests.Cli;
using Nuage.Testing;
using Xunit;
using static Nuage.Integration.Tests.Regions.FederatedIdentities;

namespace Nuage.Integration.Tests.Regions;

/// <summary>
/// Issue 17: a region cut off from the control region keeps authenticating with its copy of the identities, also
/// after a restart while cut off; identity changes wait for the control region (503), and its return is followed.
/// </summary>
public sealed class IdentitiesWhileCutOffTests
{
    [Fact]
    public async Task Member_regions_authenticate_from_their_copy_while_the_control_region_is_down_even_after_a_restart()
    {
        await using var federation = await LocalFederation.StartAsync(ThreeRegionsFixture.Names);
        var account = await CreateAccountAsync(federation["paris"].ConsoleEndpoint, "cutoff");
        using (var admin = new AdminApi(federation["paris"].ConsoleEndpoint, account.KeyId, account.Secret))
        {
            (await admin.PostAsync($"/api/accounts/{account.Name}/users", new { name = "field" })).Expect(HttpStatusCode.Created);
            (await admin.PutAsync($"/api/accounts/{account.Name}/users/field/policies/s3",
                """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""")).Expect(HttpStatusCode.NoContent);
        }

        using var dubaiAdmin = new AdminApi(federation["dubai"].ConsoleEndpoint, account.KeyId, account.Secret);
        await EventuallyAsync(() => AcceptsAsync(federation["dubai"], account.KeyId, account.Secret), "dubai takes the root key");
        var key = (await dubaiAdmin.PostAsync($"/api/accounts/{account.Name}/users/field/keys")).Expect(HttpStatusCode.Created);
        var user = new BasicAWSCredentials(key.String("accessKeyId"), key.String("secretAccessKey"));
        var bucket = "cutoff-" + Guid.NewGuid().ToString("N")[..12];
        using (var dubai = federation["dubai"].CreateS3Client(user))
        {
            await dubai.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        }

        await EventuallyAsync(() => AcceptsAsync(federation["singapore"], key.String("accessKeyId"), key.String("secretAccessKey")), "singapore takes the user key");

        await federation.StopRegionAsync("paris");

        // Cut off: requests are authenticated and authorized from dubai's copy (the user's key and inline policy).
        using (var dubai = federation["dubai"].CreateS3Client(user))
        {
            await dubai.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "cut-off", ContentBody = "written while paris is down" });
        }

        Assert.True(await AcceptsAsync(federation["singapore"], key.String("accessKeyId"), key.String("secretAccessKey")));

        // Changes to identities need the control region: refused with IAM's 503, in the IAM API and the admin API alike.
        using var operatorCli = new AwsCli(federation["dubai"].Endpoint);
        using var cli = operatorCli.As(account.KeyId, account.Secret);
        var refused = await cli.RunAsync("iam", "create-user", "--user-name", "late");
        Assert.Contains("ServiceUnavailable", refused.StandardError, StringComparison.Ordinal);
        Assert.Contains("control region (paris)", refused.StandardError, StringComparison.Ordinal);
        (await dubaiAdmin.PostAsync($"/api/accounts/{account.Name}/users", new { name = "late" }))
            .ExpectError(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable");

        // Restarted while the control region is still down: the copy in its tables is what it authenticates with.
        await federation.StopRegionAsync("dubai");
        await federation.StartRegionAsync("dubai");
        using (var dubai = federation["dubai"].CreateS3Client(user))
        {
            using var got = await dubai.GetObjectAsync(bucket, "cut-off");
            using var reader = new StreamReader(got.ResponseStream);
            Assert.Equal("written while paris is down", await reader.ReadToEndAsync());
        }

        // The control region back: its changes reach the member regions again.
        await federation.StartRegionAsync("paris");
        using var parisAdmin = new AdminApi(federation["paris"].ConsoleEndpoint, account.KeyId, account.Secret);
        var later = (await parisAdmin.PostAsync($"/api/accounts/{account.Name}/root-keys")).Expect(HttpStatusCode.Created);
        foreach (var region in new[] { "dubai", "singapore" })
        {
            await EventuallyAsync(() => AcceptsAsync(federation[region], later.String("accessKeyId"), later.String("secretAccessKey")), $"{region} follows paris again");
        }

        federation["dubai"].AssertNoErrors();
        federation["singapore"].AssertNoErrors();
    }
}

using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Admin;
using Nuage.Integration.Tests.Cli;
using Nuage.Testing;
using Xunit;
using Xunit.Abstractions;
using static Nuage.Integration.Tests.Regions.FederatedIdentities;

namespace Nuage.Integration.Tests.Regions;

/// <summary>
/// Issue 17: accounts, users, keys and policies are owned by the control region and known everywhere, changes
/// visible in every region within seconds; IAM changes sent to any region are made by the control region.
/// </summary>
public sealed class ReplicatedIdentitiesTests(ThreeRegionsFixture regions, ITestOutputHelper output) : IClassFixture<ThreeRegionsFixture>
{
    private const string AllowS3 = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""";

    private LocalFederation Federation => regions.Federation;

    [Fact]
    public async Task An_account_and_a_user_key_made_in_the_control_region_work_in_every_region_and_a_disabled_key_nowhere()
    {
        var account = await CreateAccountAsync(Federation["paris"].ConsoleEndpoint, "everywhere");
        using var admin = new AdminApi(Federation["paris"].ConsoleEndpoint, account.KeyId, account.Secret);
        (await admin.PostAsync($"/api/accounts/{account.Name}/users", new { name = "worker" })).Expect(HttpStatusCode.Created);
        (await admin.PutAsync($"/api/accounts/{account.Name}/users/worker/policies/s3", AllowS3)).Expect(HttpStatusCode.NoContent);
        var key = (await admin.PostAsync($"/api/accounts/{account.Name}/users/worker/keys")).Expect(HttpStatusCode.Created);
        var (userKey, userSecret) = (key.String("accessKeyId"), key.String("secretAccessKey"));

        foreach (var region in new[] { "dubai", "singapore" })
        {
            await EventuallyAsync(() => AcceptsAsync(Federation[region], account.KeyId, account.Secret), $"{region} takes the account's root key");
            var took = await EventuallyAsync(() => AcceptsAsync(Federation[region], userKey, userSecret), $"{region} takes the user's key");
            output.WriteLine($"{region}: the user's key was taken {took.TotalMilliseconds:F0} ms after its creation was answered (and the region before it checked)");
        }

        // The user's inline policy came along: it may create a bucket in a member region and write to it.
        using var dubai = Federation["dubai"].CreateS3Client(new BasicAWSCredentials(userKey, userSecret));
        var bucket = regions.NewBucketName("user");
        await dubai.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        await dubai.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "from dubai" });
        using var singaporeRoot = Federation["singapore"].CreateS3Client(new BasicAWSCredentials(account.KeyId, account.Secret));
        var listed = await singaporeRoot.ListBucketsAsync(new ListBucketsRequest());
        Assert.Contains(listed.Buckets, b => b.BucketName == bucket);

        // Deactivated at the control region: refused in every region within seconds.
        (await admin.SendAsync(HttpMethod.Patch, $"/api/accounts/{account.Name}/users/worker/keys/{userKey}", new { status = "Inactive" }))
            .Expect(HttpStatusCode.OK);
        foreach (var region in ThreeRegionsFixture.Names)
        {
            var took = await EventuallyAsync(async () => !await AcceptsAsync(Federation[region], userKey, userSecret), $"{region} refuses the deactivated key");
            output.WriteLine($"{region}: the deactivated key refused after {took.TotalMilliseconds:F0} ms");
        }

        // Deleted with its account's other keys gone: the root key too stops everywhere.
        (await admin.DeleteAsync($"/api/accounts/{account.Name}/users/worker/keys/{userKey}")).Expect(HttpStatusCode.NoContent);
        var second = (await admin.PostAsync($"/api/accounts/{account.Name}/root-keys")).Expect(HttpStatusCode.Created);
        await using var mqttInDubai = await Iot.MqttTestClient.ConnectAsync(Federation["dubai"], new Iot.IotKeys(account.KeyId, account.Secret, ""));
        Assert.Equal(MQTTnet.MqttClientConnectResultCode.Success, mqttInDubai.ConnectResult.ResultCode);
        (await admin.DeleteAsync($"/api/accounts/{account.Name}/root-keys/{account.KeyId}")).Expect(HttpStatusCode.NoContent);

        // An MQTT connection a member region accepted with that key is closed there once the deletion reaches it.
        Assert.Equal(MQTTnet.MqttClientDisconnectReason.NotAuthorized, await mqttInDubai.ClosedByServerAsync(FederatedIdentities.Spread));
        foreach (var region in new[] { "dubai", "singapore" })
        {
            await EventuallyAsync(async () => !await AcceptsAsync(Federation[region], account.KeyId, account.Secret), $"{region} refuses the deleted root key");
            Assert.True(await AcceptsAsync(Federation[region], second.String("accessKeyId"), second.String("secretAccessKey")));
        }
    }

    [Fact]
    public async Task A_user_made_through_a_member_regions_IAM_endpoint_works_there_at_once_and_everywhere_soon()
    {
        var account = await CreateAccountAsync(Federation["paris"].ConsoleEndpoint, "iam-at-dubai");
        await EventuallyAsync(() => AcceptsAsync(Federation["dubai"], account.KeyId, account.Secret), "dubai takes the account's root key");
        using var dubaiCli = new AwsCli(Federation["dubai"].Endpoint);
        using var iam = dubaiCli.As(account.KeyId, account.Secret);

        var created = Json((await iam.SucceedAsync("iam", "create-user", "--user-name", "remote")).StandardOutput);
        Assert.EndsWith(":user/remote", created.GetProperty("User").GetProperty("Arn").GetString(), StringComparison.Ordinal);
        await iam.SucceedAsync("iam", "put-user-policy", "--user-name", "remote", "--policy-name", "s3", "--policy-document", AllowS3);
        var key = Json((await iam.SucceedAsync("iam", "create-access-key", "--user-name", "remote")).StandardOutput).GetProperty("AccessKey");
        var (keyId, secret) = (key.GetProperty("AccessKeyId").GetString()!, key.GetProperty("SecretAccessKey").GetString()!);

        // Read-your-writes: the region that forwarded the change answered only once its copy had it.
        Assert.True(await AcceptsAsync(Federation["dubai"], keyId, secret));
        Assert.Equal("remote", Json((await iam.SucceedAsync("iam", "get-user", "--user-name", "remote")).StandardOutput)
            .GetProperty("User").GetProperty("UserName").GetString());

        // Made by the control region, so known there at once, and in the third region within seconds.
        Assert.True(await AcceptsAsync(Federation["paris"], keyId, secret));
        await EventuallyAsync(() => AcceptsAsync(Federation["singapore"], keyId, secret), "singapore takes the key made through dubai");

        // A refusal comes back as the control region gave it.
        var again = await iam.RunAsync("iam", "create-user", "--user-name", "remote");
        Assert.Contains("EntityAlreadyExists", again.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_made_through_a_member_region_is_usable_there_in_the_next_request()
    {
        var account = await CreateAccountAsync(Federation["paris"].ConsoleEndpoint, "read-your-writes");
        await EventuallyAsync(() => AcceptsAsync(Federation["dubai"], account.KeyId, account.Secret), "dubai takes the account's root key");
        using var dubaiAdmin = new AdminApi(Federation["dubai"].ConsoleEndpoint, account.KeyId, account.Secret);
        (await dubaiAdmin.PostAsync($"/api/accounts/{account.Name}/users", new { name = "quick" })).Expect(HttpStatusCode.Created);
        (await dubaiAdmin.PutAsync($"/api/accounts/{account.Name}/users/quick/policies/s3", AllowS3)).Expect(HttpStatusCode.NoContent);

        // Made at the control region and copied here by the feed; the forwarding region answers only once its copy has
        // it, so the very next request, with no wait, is accepted. Several rounds: the feed alone would sometimes lose.
        for (int round = 0; round < 10; round++)
        {
            var key = (await dubaiAdmin.PostAsync($"/api/accounts/{account.Name}/users/quick/keys")).Expect(HttpStatusCode.Created);
            Assert.True(await AcceptsAsync(Federation["dubai"], key.String("accessKeyId"), key.String("secretAccessKey")), $"round {round}");
            (await dubaiAdmin.DeleteAsync($"/api/accounts/{account.Name}/users/quick/keys/{key.String("accessKeyId")}")).Expect(HttpStatusCode.NoContent);
            Assert.False(await AcceptsAsync(Federation["dubai"], key.String("accessKeyId"), key.String("secretAccessKey")), $"round {round}, deleted");
        }
    }

    [Fact]
    public async Task An_account_made_through_a_member_regions_admin_API_is_the_control_regions()
    {
        var account = await CreateAccountAsync(Federation["singapore"].ConsoleEndpoint, "admin-at-singapore");
        Assert.True(await AcceptsAsync(Federation["singapore"], account.KeyId, account.Secret));
        Assert.True(await AcceptsAsync(Federation["paris"], account.KeyId, account.Secret));
        await EventuallyAsync(() => AcceptsAsync(Federation["dubai"], account.KeyId, account.Secret), "dubai takes the key of an account made through singapore");

        using var parisAdmin = AdminApi.AsOperator(Federation["paris"].ConsoleEndpoint);
        var listed = (await parisAdmin.GetAsync("/api/accounts")).Expect(HttpStatusCode.OK);
        Assert.Contains(listed.Json.GetProperty("accounts").EnumerateArray(), a => a.GetProperty("name").GetString() == account.Name);
    }

    [Fact]
    public async Task Session_credentials_from_one_region_work_in_another()
    {
        var account = await CreateAccountAsync(Federation["paris"].ConsoleEndpoint, "sts");
        using var parisCli = new AwsCli(Federation["paris"].Endpoint);
        using var iam = parisCli.As(account.KeyId, account.Secret);
        var trust = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{AccountIdOf(await iam.SucceedAsync("sts", "get-caller-identity"))}}:root"},"Action":"sts:AssumeRole"}]}""";
        var roleArn = Json((await iam.SucceedAsync("iam", "create-role", "--role-name", "reader", "--assume-role-policy-document", trust)).StandardOutput)
            .GetProperty("Role").GetProperty("Arn").GetString()!;
        await iam.SucceedAsync("iam", "put-role-policy", "--role-name", "reader", "--policy-name", "s3", "--policy-document", AllowS3);
        await EventuallyAsync(() => AcceptsAsync(Federation["dubai"], account.KeyId, account.Secret), "dubai takes the account's root key");

        // Assumed at dubai (answered there from its copy of the role), used at singapore.
        using var dubaiCli = new AwsCli(Federation["dubai"].Endpoint);
        using var dubaiRoot = dubaiCli.As(account.KeyId, account.Secret);
        var assumed = Json((await dubaiRoot.SucceedAsync(
            "sts", "assume-role", "--role-arn", roleArn, "--role-session-name", "travel")).StandardOutput).GetProperty("Credentials");
        var credentials = new SessionAWSCredentials(
            assumed.GetProperty("AccessKeyId").GetString(), assumed.GetProperty("SecretAccessKey").GetString(), assumed.GetProperty("SessionToken").GetString());
        await EventuallyAsync(async () =>
        {
            using var singapore = Federation["singapore"].CreateS3Client(credentials);
            try
            {
                await singapore.ListBucketsAsync();
                return true;
            }
            catch (Amazon.S3.AmazonS3Exception e) when (e.ErrorCode is "AccessDenied")
            {
                return false; // the role's policy not copied yet
            }
        }, "singapore takes session credentials issued by dubai");
    }

    private static string AccountIdOf(ChildResult callerIdentity) => Json(callerIdentity.StandardOutput).GetProperty("Account").GetString()!;

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}

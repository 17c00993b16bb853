using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Admin;

/// <summary>The admin JSON API on the console port, end to end: signed requests, the policy engine, JSON errors.</summary>
public sealed class AdminApiTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>
{
    private int _counter;

    [Fact]
    public async Task Operator_creates_an_account_whose_root_key_works_on_S3_and_manages_only_its_own_account()
    {
        using var operatorApi = AdminApi.AsOperator(fixture.ConsoleEndpoint);
        var name = NewName("acme");
        var created = (await operatorApi.PostAsync("/api/accounts", new { name, email = "ops@acme.example" })).Expect(HttpStatusCode.Created);
        Assert.Equal(name, created.String("account", "name"));
        var accessKey = created.String("rootAccessKey", "accessKeyId");
        var secretKey = created.String("rootAccessKey", "secretAccessKey");

        var read = (await operatorApi.GetAsync($"/api/accounts/{name}")).Expect(HttpStatusCode.OK);
        Assert.Equal("ops@acme.example", read.String("email"));
        var keys = (await operatorApi.GetAsync($"/api/accounts/{name}/root-keys")).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain("secretAccessKey", keys.Text, StringComparison.Ordinal);

        using (var s3 = RootS3(accessKey, secretKey))
        {
            await s3.PutBucketAsync(name + "-photos");
        }

        using var root = new AdminApi(fixture.ConsoleEndpoint, accessKey, secretKey);
        (await root.PostAsync($"/api/accounts/{name}/users", new { name = "alice" })).Expect(HttpStatusCode.Created);
        var aliceKey = (await root.PostAsync($"/api/accounts/{name}/users/alice/keys")).Expect(HttpStatusCode.Created);
        Assert.Equal("alice", aliceKey.String("userName"));
        (await root.GetAsync($"/api/accounts/{name}")).Expect(HttpStatusCode.OK);

        (await root.PostAsync("/api/accounts", new { name = NewName("other") })).ExpectError(HttpStatusCode.Forbidden, "AccessDenied");
        (await root.GetAsync("/api/accounts")).ExpectError(HttpStatusCode.Forbidden, "AccessDenied");
        (await root.DeleteAsync($"/api/accounts/{name}")).ExpectError(HttpStatusCode.Forbidden, "AccessDenied");
        var other = NewName("other");
        (await operatorApi.PostAsync("/api/accounts", new { name = other })).Expect(HttpStatusCode.Created);
        (await root.GetAsync($"/api/accounts/{other}/users")).ExpectError(HttpStatusCode.Forbidden, "AccessDenied");
        (await root.GetAsync($"/api/accounts/{NewName("missing")}/users")).ExpectError(HttpStatusCode.Forbidden, "AccessDenied");

        var conflict = (await operatorApi.DeleteAsync($"/api/accounts/{name}")).ExpectError(HttpStatusCode.Conflict, "DeleteConflict");
        Assert.Contains("buckets", conflict.ErrorMessage, StringComparison.Ordinal);
        using (var s3 = RootS3(accessKey, secretKey))
        {
            await s3.DeleteBucketAsync(name + "-photos");
        }

        (await operatorApi.DeleteAsync($"/api/accounts/{name}")).Expect(HttpStatusCode.NoContent);
        (await operatorApi.GetAsync($"/api/accounts/{name}")).ExpectError(HttpStatusCode.NotFound, "NoSuchEntity");
    }

    [Fact]
    public async Task An_iam_user_may_do_only_what_its_policies_allow()
    {
        using var operatorApi = AdminApi.AsOperator(fixture.ConsoleEndpoint);
        var account = NewName("team");
        (await operatorApi.PostAsync("/api/accounts", new { name = account })).Expect(HttpStatusCode.Created);
        (await operatorApi.PostAsync($"/api/accounts/{account}/users", new { name = "bob" })).Expect(HttpStatusCode.Created);
        var key = (await operatorApi.PostAsync($"/api/accounts/{account}/users/bob/keys")).Expect(HttpStatusCode.Created);
        using var bob = new AdminApi(fixture.ConsoleEndpoint, key.String("accessKeyId"), key.String("secretAccessKey"));

        var denied = (await bob.GetAsync($"/api/accounts/{account}/users")).ExpectError(HttpStatusCode.Forbidden, "AccessDenied");
        Assert.Contains("admin:ListUsers", denied.ErrorMessage, StringComparison.Ordinal);

        const string policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"admin:ListUsers","Resource":"*"}]}""";
        (await operatorApi.PutAsync($"/api/accounts/{account}/users/bob/policies/list-users", policy)).Expect(HttpStatusCode.NoContent);
        var users = (await bob.GetAsync($"/api/accounts/{account}/users")).Expect(HttpStatusCode.OK);
        Assert.Equal("bob", users.Json.GetProperty("users")[0].GetProperty("name").GetString());
        (await bob.PostAsync($"/api/accounts/{account}/users", new { name = "eve" })).ExpectError(HttpStatusCode.Forbidden, "AccessDenied");
    }

    [Fact]
    public async Task Groups_managed_policies_and_roles_round_trip()
    {
        using var api = AdminApi.AsOperator(fixture.ConsoleEndpoint);
        var account = NewName("org");
        var a = $"/api/accounts/{account}";
        (await api.PostAsync("/api/accounts", new { name = account })).Expect(HttpStatusCode.Created);
        (await api.PostAsync(a + "/users", new { name = "carol" })).Expect(HttpStatusCode.Created);
        (await api.PostAsync(a + "/groups", new { name = "readers" })).Expect(HttpStatusCode.Created);
        (await api.PutAsync(a + "/groups/readers/members/carol")).Expect(HttpStatusCode.NoContent);
        var group = (await api.GetAsync(a + "/groups/readers")).Expect(HttpStatusCode.OK);
        Assert.Equal("carol", group.Json.GetProperty("members")[0].GetString());

        var document = new { Version = "2012-10-17", Statement = new[] { new { Effect = "Allow", Action = "s3:GetObject", Resource = "*" } } };
        (await api.PostAsync(a + "/policies", new { name = "read", document })).Expect(HttpStatusCode.Created);
        (await api.PutAsync(a + "/groups/readers/attached-policies/read")).Expect(HttpStatusCode.NoContent);
        var policy = (await api.GetAsync(a + "/policies/read")).Expect(HttpStatusCode.OK);
        Assert.Equal(1, policy.Json.GetProperty("attachmentCount").GetInt32());
        (await api.DeleteAsync(a + "/policies/read")).ExpectError(HttpStatusCode.Conflict, "DeleteConflict");

        var trust = new { Version = "2012-10-17", Statement = new[] { new { Effect = "Allow", Principal = new { AWS = "*" }, Action = "sts:AssumeRole" } } };
        var role = (await api.PostAsync(a + "/roles", new { name = "builder", trustPolicy = trust })).Expect(HttpStatusCode.Created);
        Assert.EndsWith(":role/builder", role.String("arn"), StringComparison.Ordinal);
        (await api.PostAsync(a + "/roles", new { name = "bad", trustPolicy = "{}" })).ExpectError(HttpStatusCode.BadRequest, "MalformedPolicyDocument");
    }

    [Fact]
    public async Task Unsigned_and_wrongly_signed_requests_are_refused_with_403()
    {
        using var http = new HttpClient();
        using var unsigned = await http.GetAsync(new Uri(fixture.ConsoleEndpoint, "/api/accounts"));
        Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
        Assert.Contains("\"AccessDenied\"", await unsigned.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var wrongSecret = new AdminApi(fixture.ConsoleEndpoint, NuageProcess.AccessKey, "not-the-secret-key-at-all");
        (await wrongSecret.GetAsync("/api/accounts")).ExpectError(HttpStatusCode.Forbidden, "SignatureDoesNotMatch");
        using var unknownKey = new AdminApi(fixture.ConsoleEndpoint, "AKIANOSUCHKEY0000000", "whatever-secret");
        (await unknownKey.GetAsync("/api/accounts")).ExpectError(HttpStatusCode.Forbidden, "InvalidAccessKeyId");

        // Signed for S3, not for the admin API: the scope names the wrong service.
        using var s3Scoped = SigV4Signer.Root.CreateRequest(fixture.ConsoleEndpoint, HttpMethod.Get, "/api/accounts");
        using var api = AdminApi.AsOperator(fixture.ConsoleEndpoint);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.SendRawAsync(s3Scoped)).Status);
    }

    [Fact]
    public async Task Bad_json_is_400_and_unknown_names_are_404()
    {
        using var api = AdminApi.AsOperator(fixture.ConsoleEndpoint);
        (await api.PostAsync("/api/accounts", "{\"name\":")).ExpectError(HttpStatusCode.BadRequest, "MalformedJson");
        (await api.PostAsync("/api/accounts", "[]")).ExpectError(HttpStatusCode.BadRequest, "MalformedJson");
        var typed = (await api.PostAsync("/api/accounts", new { name = 5 })).ExpectError(HttpStatusCode.BadRequest, "InvalidInput");
        Assert.Contains("\"name\"", typed.ErrorMessage, StringComparison.Ordinal);
        (await api.PostAsync("/api/accounts", new { name = "x" })).ExpectError(HttpStatusCode.BadRequest, "InvalidInput");

        (await api.GetAsync("/api/accounts/no-such-account")).ExpectError(HttpStatusCode.NotFound, "NoSuchEntity");
        var account = NewName("lookup");
        (await api.PostAsync("/api/accounts", new { name = account })).Expect(HttpStatusCode.Created);
        (await api.GetAsync($"/api/accounts/{account}/users/nobody")).ExpectError(HttpStatusCode.NotFound, "NoSuchEntity");
        (await api.GetAsync("/api/buckets")).ExpectError(HttpStatusCode.NotFound, "NoSuchRoute");
        (await api.SendAsync(HttpMethod.Put, "/api/accounts", "{}")).ExpectError(HttpStatusCode.MethodNotAllowed, "MethodNotAllowed");
        (await api.PostAsync("/api/accounts", new { name = account })).ExpectError(HttpStatusCode.Conflict, "EntityAlreadyExists");
    }

    [Fact]
    public async Task Health_endpoints_answer_200_once_the_region_serves()
    {
        using var http = new HttpClient();
        using var live = await http.GetAsync(new Uri(fixture.ConsoleEndpoint, "/health/live"));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        using var ready = await http.GetAsync(new Uri(fixture.ConsoleEndpoint, "/health/ready"));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"ready\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_S3_port_reads_api_as_a_bucket_name()
    {
        using var http = new HttpClient();
        using var request = SigV4Signer.Root.CreateRequest(fixture.Endpoint, HttpMethod.Get, "/api/accounts");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("<Code>NoSuchBucket</Code>", body, StringComparison.Ordinal);

        using var health = await http.GetAsync(new Uri(fixture.Endpoint, "/health/live"));
        Assert.NotEqual(HttpStatusCode.OK, health.StatusCode);
    }

    private AmazonS3Client RootS3(string accessKey, string secretKey) => new(
        new BasicAWSCredentials(accessKey, secretKey),
        new AmazonS3Config { ServiceURL = fixture.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

    private string NewName(string purpose) => $"{purpose}-{Interlocked.Increment(ref _counter)}-{Guid.NewGuid().ToString("N")[..6]}";
}

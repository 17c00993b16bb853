using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Nuage.Integration.Tests.Admin;
using Nuage.Testing;

namespace Nuage.Integration.Tests.Access;

/// <summary>An account the operator creates through the admin API, with its root user's key and clients for it.</summary>
public sealed record TestAccount(string Name, string Id, string AccessKey, string SecretKey)
{
    public static async Task<TestAccount> CreateAsync(NuageServerFixture fixture, string purpose)
    {
        using var operatorApi = AdminApi.AsOperator(fixture.ConsoleEndpoint);
        var name = $"{purpose}-{Guid.NewGuid().ToString("N")[..8]}";
        var created = (await operatorApi.PostAsync("/api/accounts", new { name })).Expect(HttpStatusCode.Created);
        return new TestAccount(
            name, created.String("account", "id"), created.String("rootAccessKey", "accessKeyId"), created.String("rootAccessKey", "secretAccessKey"));
    }

    /// <summary>An S3 client signing with this account's root key (path style, no retries).</summary>
    public AmazonS3Client S3(NuageServerFixture fixture) => Client(fixture, AccessKey, SecretKey);

    /// <summary>The admin API as this account's root.</summary>
    public AdminApi Admin(NuageServerFixture fixture) => new(fixture.ConsoleEndpoint, AccessKey, SecretKey);

    /// <summary>Creates an IAM user of this account with one inline policy and returns an S3 client signing with its new key.</summary>
    public async Task<AmazonS3Client> UserAsync(NuageServerFixture fixture, string userName, string policy)
    {
        using var admin = Admin(fixture);
        (await admin.PostAsync($"/api/accounts/{Name}/users", new { name = userName })).Expect(HttpStatusCode.Created);
        (await admin.PutAsync($"/api/accounts/{Name}/users/{userName}/policies/p", policy)).Expect(HttpStatusCode.NoContent);
        var key = (await admin.PostAsync($"/api/accounts/{Name}/users/{userName}/keys")).Expect(HttpStatusCode.Created);
        return Client(fixture, key.String("accessKeyId"), key.String("secretAccessKey"));
    }

    /// <summary>An identity policy allowing one action on one resource ARN (for <see cref="UserAsync"/>).</summary>
    public static string AllowPolicy(string action, string resource) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"{{action}}","Resource":"{{resource}}"}]}""";

    public static AmazonS3Client Client(NuageServerFixture fixture, string accessKey, string secretKey) => new(
        new BasicAWSCredentials(accessKey, secretKey),
        new AmazonS3Config { ServiceURL = fixture.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
}

using System.Net;
using System.Text.Json;
using System.Web;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Access;
using Nuage.Integration.Tests.Cli;
using Nuage.Integration.Tests.Iam;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Observability;

/// <summary>
/// Signatures, secrets, session tokens and presigned query strings never reach the log (issue 14): a server at the
/// most verbose level, in both formats, serves signed, presigned (good, tampered, wrong-key), session-token and
/// IAM/admin requests that create and return secrets; then its whole output is searched for every one of them.
/// </summary>
public sealed class SecretsInLogsTests
{
    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public async Task No_secret_signature_token_or_presigned_query_appears_in_a_whole_runs_log(string format)
    {
        var fixture = new TraceLogFixture(format);
        await fixture.InitializeAsync();
        var secrets = new List<string> { NuageProcess.SecretKey };
        try
        {
            var bucket = await fixture.CreateBucketAsync("secrets");
            using var s3 = fixture.CreateS3Client();
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "doc", ContentBody = "content" });

            // Signed by hand, so the signature sent is known; and once with a wrong secret (SignatureDoesNotMatch).
            using var http = new HttpClient();
            foreach (var signer in new[] { SigV4Signer.Root, new SigV4Signer(NuageProcess.AccessKey, "a-wrong-secret-key-for-this-test-000000") })
            {
                using var request = signer.CreateRequest(fixture.Endpoint, HttpMethod.Get, $"/{bucket}/doc", [("x-id", "GetObject")]);
                secrets.Add(SignatureOf(request.Headers.GetValues("Authorization").Single()));
                using var response = await http.SendAsync(request);
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Forbidden, response.StatusCode.ToString());
            }

            // Presigned: served, tampered with, and for a missing key (an error logged with its target).
            foreach (var key in new[] { "doc", "missing-doc" })
            {
                var url = s3.GetPreSignedURL(new GetPreSignedUrlRequest
                {
                    BucketName = bucket, Key = key, Expires = DateTime.UtcNow.AddMinutes(5), Protocol = Protocol.HTTP,
                });
                var query = new Uri(url).Query.TrimStart('?');
                secrets.Add(query);
                var parameters = HttpUtility.ParseQueryString(query);
                secrets.Add(parameters["X-Amz-Signature"]!);
                secrets.Add(parameters["X-Amz-Credential"]!);
                using (await http.GetAsync(url))
                {
                }

                using (await http.GetAsync(url.Replace("X-Amz-Signature=", "X-Amz-Signature=0", StringComparison.Ordinal)))
                {
                }
            }

            // An account, a user and its key created through the admin API: secrets returned once, never logged.
            var account = await TestAccount.CreateAsync(fixture, "secrets");
            secrets.Add(account.SecretKey);
            using (var admin = account.Admin(fixture))
            {
                (await admin.PostAsync("/api/accounts/" + account.Name + "/users", new { name = "writer" })).Expect(HttpStatusCode.Created);
                var key = (await admin.PostAsync($"/api/accounts/{account.Name}/users/writer/keys")).Expect(HttpStatusCode.Created);
                secrets.Add(key.String("secretAccessKey"));
            }

            // IAM and STS through awscli: a key created over IAM, and session credentials used on S3.
            using var aws = new AwsCli(fixture.Endpoint);
            await aws.SucceedAsync("iam", "create-user", "--user-name", "cli-user");
            var iamKey = IamCliTests.Json(await aws.SucceedAsync("iam", "create-access-key", "--user-name", "cli-user")).GetProperty("AccessKey");
            secrets.Add(iamKey.GetProperty("SecretAccessKey").GetString()!);
            var session = IamCliTests.Json(await aws.SucceedAsync("sts", "get-session-token")).GetProperty("Credentials");
            var sessionSecret = session.GetProperty("SecretAccessKey").GetString()!;
            var sessionToken = session.GetProperty("SessionToken").GetString()!;
            secrets.Add(sessionSecret);
            secrets.Add(sessionToken);
            using (var sessionClient = new AmazonS3Client(
                new SessionAWSCredentials(session.GetProperty("AccessKeyId").GetString(), sessionSecret, sessionToken),
                new AmazonS3Config { ServiceURL = fixture.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 }))
            {
                using var read = await sessionClient.GetObjectAsync(bucket, "doc");
                await read.ResponseStream.CopyToAsync(Stream.Null);
            }

            await fixture.Server.StopAsync();
            var log = string.Join('\n', fixture.Server.Output);
            Assert.Contains("Nuage.S3.Requests", log, StringComparison.Ordinal); // the run did log its requests
            foreach (var secret in secrets.Where(s => s.Length >= 16).Distinct())
            {
                Assert.False(log.Contains(secret, StringComparison.Ordinal), $"the log holds a secret: {secret[..8]}...");
                Assert.False(log.Contains(JsonEncodedText.Encode(secret).ToString(), StringComparison.Ordinal), $"the log holds a secret (JSON-escaped): {secret[..8]}...");
            }

            foreach (var marker in new[] { "X-Amz-Signature", "X-Amz-Credential", "X-Amz-Security-Token", "Signature=", "<SessionToken>", "<SecretAccessKey>", "secretAccessKey\"" })
            {
                Assert.DoesNotContain(marker, log, StringComparison.OrdinalIgnoreCase);
            }
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    private static string SignatureOf(string authorization) =>
        authorization[(authorization.IndexOf("Signature=", StringComparison.Ordinal) + "Signature=".Length)..];

    /// <summary>A server logging everything it can (trace) in the given format.</summary>
    private sealed class TraceLogFixture(string format)
        : NuageServerFixture("nuage-secrets-" + format + "-", "--log-level", "trace", "--log-format", format);
}

using System.Net;
using MQTTnet;
using Nuage.Integration.Tests.Admin;
using Nuage.Integration.Tests.BadInput;
using Nuage.Integration.Tests.Iot;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Durability;

/// <summary>
/// What each front door answers while the PostgreSQL metadata database is stopped (docs/metadata-engines.md "While
/// the database is down"): S3 503 SlowDown, IAM 503 ServiceUnavailable, the admin API 503 ServiceUnavailable, all
/// with Retry-After, MQTT CONNACK 0x88; and that the same Nuage serves again once the database is back.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PostgresOutageAnswersTests
{
    [Fact]
    public async Task Every_door_answers_a_stopped_database_as_retryable_and_serves_again_after_it_returns()
    {
        await using var cluster = await PostgresCluster.StartNewAsync();
        using var data = new TempDirectory("nuage-pg-outage-");
        await using var server = await NuageProcess.StartAsync(Path.Combine(data.Path, "data"), extraArguments: ["--metadata", cluster.Url]);
        using var s3 = server.CreateS3Client();
        await s3.PutBucketAsync("outage");
        var device = await IotKeys.NewAccountAsync(server, "outage");

        await cluster.StopAsync(PostgresStopMode.Fast);

        using (var http = new SignedHttpClient(server.Endpoint))
        {
            using var request = http.Create(HttpMethod.Get, SigV4Signer.EncodePath("outage", "any-key"));
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("<Code>SlowDown</Code>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        }

        using (var iam = new SignedHttpClient(server.Endpoint, new SigV4Signer(NuageProcess.AccessKey, NuageProcess.SecretKey, service: "iam")))
        {
            using var request = iam.Create(HttpMethod.Get, "/", [("Action", "ListUsers"), ("Version", "2010-05-08")]);
            using var response = await iam.SendAsync(request);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("<Code>ServiceUnavailable</Code>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        }

        using (var admin = AdminApi.AsOperator(server.ConsoleEndpoint))
        {
            (await admin.GetAsync("/api/accounts")).ExpectError(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable");
        }

        // MQTT 5 §3.2.2.2: 0x88 Server unavailable, "try again later".
        await using (var refused = await MqttTestClient.ConnectAsync(server, device))
        {
            Assert.Equal(MqttClientConnectResultCode.ServerUnavailable, refused.ConnectResult.ResultCode);
        }

        // The same process, reconnecting by itself.
        await cluster.StartAsync();
        await using (var accepted = await MqttTestClient.ConnectAsync(server, device))
        {
            Assert.Equal(MqttClientConnectResultCode.Success, accepted.ConnectResult.ResultCode);
        }

        var listed = await s3.ListBucketsAsync();
        Assert.Contains(listed.Buckets, b => b.BucketName == "outage");
        Assert.False(server.HasExited);
    }
}

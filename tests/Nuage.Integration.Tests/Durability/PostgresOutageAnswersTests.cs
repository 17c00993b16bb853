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
        await using (var persistent = await MqttTestClient.ConnectAsync(server, device, clientId: "station-o", configure: MqttTestClient.Persistent(3600)))
        {
            Assert.Equal(MqttClientConnectResultCode.Success, persistent.ConnectResult.ResultCode);
        }

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
            // A write: reads of the identity directory are answered from memory and need no database.
            using var request = iam.Create(HttpMethod.Get, "/", [("Action", "CreateUser"), ("UserName", "during-outage"), ("Version", "2010-05-08")]);
            using var response = await iam.SendAsync(request);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("<Code>ServiceUnavailable</Code>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        }

        using (var admin = AdminApi.AsOperator(server.ConsoleEndpoint))
        {
            // A write, as above: the account list is answered from memory.
            (await admin.PostAsync("/api/accounts", new { name = "during-outage" })).ExpectError(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable");
        }

        // MQTT 5 §3.2.2.2: 0x88 Server unavailable, "try again later". A clean start of a client with a stored session
        // must end that session in the store first (§3.1.2.4), which it cannot now. (A CONNECT that needs no write,
        // its key being in memory, is accepted even now.)
        await using (var refused = await MqttTestClient.ConnectAsync(server, device, clientId: "station-o"))
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

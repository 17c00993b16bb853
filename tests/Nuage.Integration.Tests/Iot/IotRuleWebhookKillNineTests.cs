using System.Net;
using System.Text.Json;
using MQTTnet.Protocol;
using Nuage.Integration.Tests.Admin;
using Nuage.Integration.Tests.Notifications;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// The webhook action's durability (docs/iot-rules.md "Webhook"): QoS 1 messages are acknowledged while the
/// receiver is down, the server is killed with SIGKILL, restarted on the same data directory, and a receiver that
/// then comes up (refusing its first call) gets every acknowledged message: the PUBACK waited for the outbox row.
/// </summary>
public sealed class IotRuleWebhookKillNineTests
{
    private const int Messages = 200;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Every_acknowledged_message_reaches_the_webhook_after_a_kill_9()
    {
        using var temp = new TempDirectory();
        var data = Path.Combine(temp.Path, "data");
        int port = WebhookReceiver.FreePort();
        var server = await NuageProcess.StartAsync(data);
        try
        {
            AdminResponse created;
            using (var operatorApi = AdminApi.AsOperator(server.ConsoleEndpoint))
            {
                created = (await operatorApi.PostAsync("/api/accounts", new { name = "hooks" })).Expect(HttpStatusCode.Created);
            }

            var keys = new IotKeys(created.String("rootAccessKey", "accessKeyId"), created.String("rootAccessKey", "secretAccessKey"), created.String("account", "id"));
            using (var admin = new AdminApi(server.ConsoleEndpoint, keys.AccessKeyId, keys.Secret))
            {
                (await admin.PostAsync("/api/iot/accounts/hooks/rules", new
                {
                    ruleName = "all", topicFilter = "devices/+/data", webhook = new { url = $"http://127.0.0.1:{port}/hook" },
                })).Expect(HttpStatusCode.Created);
            }

            // Nothing listens on the port: every delivery fails, and only the outbox keeps the messages.
            var acknowledged = new HashSet<string>(StringComparer.Ordinal);
            await using (var client = await MqttTestClient.ConnectAsync(server, keys, clientId: "dev-1"))
            {
                Assert.Equal(MQTTnet.MqttClientConnectResultCode.Success, client.ConnectResult.ResultCode);
                for (int i = 0; i < Messages; i++)
                {
                    Assert.True((await client.PublishAsync("devices/dev-1/data", $$"""{"id":"m{{i}}"}""", MqttQualityOfServiceLevel.AtLeastOnce)).IsSuccess);
                    acknowledged.Add($"m{i}");
                }

                await server.KillAsync();
            }

            await server.DisposeAsync();
            await using var receiver = WebhookReceiver.Start(port, failFirst: 1);
            server = await NuageProcess.StartAsync(data);

            var received = new HashSet<string>(StringComparer.Ordinal);
            while (!acknowledged.IsSubsetOf(received))
            {
                using var body = JsonDocument.Parse(await receiver.NextAsync(Patience));
                received.Add(body.RootElement.GetProperty("payload").GetProperty("id").GetString()!);
            }

            Assert.Equal(Messages, received.Count);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}

using System.Net;
using System.Text.Json;
using MQTTnet.Protocol;
using Nuage.Integration.Tests.Admin;
using Nuage.Integration.Tests.Notifications;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// The webhook rule action (issue 16, "Rules": POST to an HTTP webhook with retries; docs/iot-rules.md "Webhook")
/// against the real server: the CLI creates the rule, MQTTnet publishes, a real HTTP listener that refuses its
/// first call receives each matched message once as the bucket action's JSON line, and bad URLs are refused.
/// </summary>
public sealed class IotRuleWebhookTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Matched_messages_are_posted_to_the_webhook_and_retried_after_a_failure()
    {
        var owner = await IotKeys.NewAccountAsync(fixture, "rulehook");
        var account = owner.Account!;
        await using var receiver = WebhookReceiver.Start(failFirst: 1);

        // Created through the CLI, so its --webhook is covered too; read back through the admin API.
        var created = await ChildProcess.RunAsync("dotnet", [RepositoryPaths.ServerDll, "admin", "iot", "rules", "create", "hooked",
            "--account", account.Name, "--topic-filter", "plant/+/status", "--condition", "level >= 3", "--webhook", receiver.Url, "-o", "json"],
            new Dictionary<string, string?>
            {
                ["NUAGE_ADMIN_ENDPOINT"] = fixture.ConsoleEndpoint.ToString(),
                ["NUAGE_ACCESS_KEY"] = NuageProcess.AccessKey,
                ["NUAGE_SECRET_KEY"] = NuageProcess.SecretKey,
            });
        created.AssertSuccess();
        using var admin = account.Admin(fixture);
        var rule = (await admin.GetAsync($"/api/iot/accounts/{account.Name}/rules/hooked")).Expect(HttpStatusCode.OK);
        Assert.Equal(receiver.Url, rule.Json.GetProperty("webhook").GetProperty("url").GetString());

        await using var device = await MqttTestClient.ConnectOkAsync(fixture, owner, clientId: "plc-1");
        Assert.True((await device.PublishAsync("plant/p1/status", """{"id":1,"level":4}""")).IsSuccess);
        Assert.True((await device.PublishAsync("plant/p1/status", """{"id":2,"level":1}""")).IsSuccess);
        Assert.True((await device.PublishAsync("plant/p1/other", """{"id":3,"level":9}""")).IsSuccess);
        Assert.True((await device.PublishAsync("plant/p2/status", """{"id":4,"level":3}""", MqttQualityOfServiceLevel.AtMostOnce)).IsSuccess);

        // The first call is answered 500; that message comes again after the outbox's backoff, so order is not promised.
        var bodies = new List<JsonElement>();
        for (int i = 0; i < 2; i++)
        {
            bodies.Add(JsonDocument.Parse(await receiver.NextAsync(Patience)).RootElement);
        }

        Assert.Equal([1, 4], bodies.Select(b => b.GetProperty("payload").GetProperty("id").GetInt32()).Order());
        var first = bodies.Single(b => b.GetProperty("payload").GetProperty("id").GetInt32() == 1);
        Assert.Equal("plant/p1/status", first.GetProperty("topic").GetString());
        Assert.Equal("plc-1", first.GetProperty("clientId").GetString());
        Assert.Equal(1, first.GetProperty("qos").GetInt32());
        Assert.Equal(0, bodies.Single(b => b.GetProperty("payload").GetProperty("id").GetInt32() == 4).GetProperty("qos").GetInt32());
        Assert.True(first.TryGetProperty("timestamp", out _));
        Assert.Equal(1, receiver.Refused);

        // Unmatched messages (condition false, topic outside the filter) never come; the failed one is not posted twice.
        await Assert.ThrowsAsync<Xunit.Sdk.XunitException>(() => receiver.NextAsync(TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task A_webhook_that_is_not_an_absolute_http_url_is_refused()
    {
        var owner = await IotKeys.NewAccountAsync(fixture, "rulehook-bad");
        using var admin = owner.Account!.Admin(fixture);
        string rules = $"/api/iot/accounts/{owner.Account.Name}/rules";
        foreach (var (body, fragment) in new (object Body, string Fragment)[]
        {
            (new { ruleName = "w1", topicFilter = "a/#", webhook = new { url = "ftp://example.com/hook" } }, "webhook.url"),
            (new { ruleName = "w2", topicFilter = "a/#", webhook = new { url = "/hook" } }, "webhook.url"),
            (new { ruleName = "w3", topicFilter = "a/#", webhook = new { url = "http://exa mple.com/" } }, "webhook.url"),
            (new { ruleName = "w4", topicFilter = "a/#", webhook = new { url = "" } }, "webhook.url"),
            (new { ruleName = "w5", topicFilter = "a/#", webhook = (object)"https://example.com/hook" }, "must be an object"),
            (new { ruleName = "w6", topicFilter = "a/#", webhook = new { uri = "https://example.com/hook" } }, "exactly one field"),
        })
        {
            var refused = (await admin.PostAsync(rules, body)).ExpectError(HttpStatusCode.BadRequest, "InvalidInput");
            Assert.Contains(fragment, refused.Text, StringComparison.Ordinal);
        }

        (await admin.PostAsync(rules, new { ruleName = "w7", topicFilter = "a/#", webhook = new { url = "https://example.com:8443/hook?x=1" } }))
            .Expect(HttpStatusCode.Created);
        var listed = (await admin.GetAsync(rules)).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain("w1", listed.Text, StringComparison.Ordinal);
    }
}

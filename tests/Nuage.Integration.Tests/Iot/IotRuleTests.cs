using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Admin;
using Nuage.Integration.Tests.Cli;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// IoT rules (issue 16, "Rules: device data into buckets"; docs/iot-rules.md) against the real server: MQTTnet
/// publishes land in the account's bucket as time-partitioned JSON lines read back with AWSSDK.S3 and awscli, the
/// condition filters, republish reaches a subscriber, the CLI round trip, and bad rules are refused.
/// </summary>
public sealed partial class IotRuleTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Matched_publishes_land_in_the_bucket_as_jsonl_batches_the_condition_filters_and_awscli_reads_them()
    {
        var owner = await IotKeys.NewAccountAsync(fixture, "rules");
        var account = owner.Account!;
        using var s3 = account.S3(fixture);
        string bucket = "rules-" + Guid.NewGuid().ToString("N")[..8];
        await s3.PutBucketAsync(bucket);
        using var admin = account.Admin(fixture);
        string rules = $"/api/iot/accounts/{account.Name}/rules";
        var created = (await admin.PostAsync(rules, new
        {
            ruleName = "hot_paris",
            topicFilter = "sensors/+/telemetry",
            condition = "temperature > 30 AND (site = 'paris' OR site.name = 'paris')",
            bucket,
            prefix = "hot",
            maxAgeSeconds = 1,
        })).Expect(HttpStatusCode.Created);
        Assert.Equal("hot/", created.String("prefix"));
        Assert.Equal($"arn:aws:iot:local:{account.Id}:rule/hot_paris", created.String("ruleArn"));
        (await admin.PostAsync(rules, new { ruleName = "raw", topicFilter = "raw/#", bucket, prefix = "raw/", maxAgeSeconds = 1 })).Expect(HttpStatusCode.Created);

        await using var device = await MqttTestClient.ConnectOkAsync(fixture, owner, clientId: "sensor-a");
        string[] payloads =
        [
            """{"id":1,"temperature":35,"site":"paris"}""",
            """{"id":2,"temperature":20,"site":"paris"}""",
            """{"id":3,"temperature":40,"site":"lyon"}""",
            """{"id":4,"temperature":31.5,"site":{"name":"paris"}}""",
            """{"id":5,"temperature":"hot","site":"paris"}""",
            "temperature > 30, site = paris",
        ];
        foreach (string payload in payloads)
        {
            Assert.True((await device.PublishAsync("sensors/a/telemetry", payload)).IsSuccess);
        }

        Assert.True((await device.PublishAsync("sensors/a/other", payloads[0])).IsSuccess);
        Assert.True((await device.PublishAsync("raw/bytes", "not json \u00e9")).IsSuccess);
        Assert.True((await device.PublishAsync("raw/json", "{\n  \"pretty\": [1, 2]\n}")).IsSuccess);

        var hot = await RuleBucketReader.WaitForAsync(s3, bucket, "hot/", o => o.Sum(x => x.Lines.Count) >= 2, Patience);
        var lines = hot.SelectMany(o => o.Lines).ToList();
        Assert.Equal([1, 4], lines.Select(l => l.GetProperty("payload").GetProperty("id").GetInt32()).Order());
        foreach (var (key, _) in hot)
        {
            Assert.Matches(KeyShape(), key);
        }

        var first = lines.First(l => l.GetProperty("payload").GetProperty("id").GetInt32() == 1);
        Assert.Equal("sensors/a/telemetry", first.GetProperty("topic").GetString());
        Assert.Equal("sensor-a", first.GetProperty("clientId").GetString());
        Assert.Equal(1, first.GetProperty("qos").GetInt32());
        var stamp = DateTimeOffset.Parse(first.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Math.Abs((DateTimeOffset.UtcNow - stamp).TotalMinutes) < 5, "The timestamp is the time of receipt.");
        Assert.Contains($"hot/{stamp.UtcDateTime:yyyy/MM/dd/HH}/", hot[0].Key + string.Join(' ', hot.Select(h => h.Key)));

        var raw = (await RuleBucketReader.WaitForAsync(s3, bucket, "raw/", o => o.Sum(x => x.Lines.Count) >= 2, Patience)).SelectMany(o => o.Lines).ToList();
        var bytes = raw.Single(l => l.GetProperty("topic").GetString() == "raw/bytes");
        Assert.Equal("not json \u00e9", Encoding.UTF8.GetString(Convert.FromBase64String(bytes.GetProperty("payloadBase64").GetString()!)));
        Assert.False(bytes.TryGetProperty("payload", out _));
        var pretty = raw.Single(l => l.GetProperty("topic").GetString() == "raw/json");
        Assert.Equal(2, pretty.GetProperty("payload").GetProperty("pretty")[1].GetInt32());

        // awscli reads the same object byte for byte.
        using var operatorCli = new AwsCli(fixture.Endpoint);
        using var aws = operatorCli.As(account.AccessKey, account.SecretKey);
        string local = Path.Combine(aws.Home, "batch.jsonl");
        (await aws.RunAsync("s3", "cp", "--no-progress", $"s3://{bucket}/{hot[0].Key}", local)).AssertSuccess();
        using var sdkCopy = await s3.GetObjectAsync(bucket, hot[0].Key);
        using var sdkReader = new StreamReader(sdkCopy.ResponseStream);
        Assert.Equal(await sdkReader.ReadToEndAsync(), await File.ReadAllTextAsync(local));
        Assert.Equal("application/x-ndjson", sdkCopy.Headers.ContentType);

        // The rule's figures: six messages on its topics, two matched, its batches written, nothing waiting.
        using var http = new HttpClient();
        string metrics = await http.GetStringAsync(new Uri(fixture.ConsoleEndpoint, "/metrics"));
        string label = $"rule=\"{account.Id}/hot_paris\"";
        Assert.Contains($"nuage_iot_rule_messages_in_total{{{label}}} 6", metrics, StringComparison.Ordinal);
        Assert.Contains($"nuage_iot_rule_messages_matched_total{{{label}}} 2", metrics, StringComparison.Ordinal);
        Assert.Matches($"nuage_iot_rule_batches_written_total\\{{{Regex.Escape(label)}\\}} [1-9]", metrics);

        // Its spool empties once the batches are written (the rows go right after the object): no message waits, none
        // is old, no action failed. A rule's gauges are read from the spool at scrape time and exist once it had rows.
        var waiting = new Regex($"nuage_iot_rule_(spool_messages|oldest_unflushed_age_seconds)\\{{{Regex.Escape(label)}\\}} [1-9]");
        var deadline = DateTime.UtcNow + Patience;
        while (waiting.IsMatch(metrics) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            metrics = await http.GetStringAsync(new Uri(fixture.ConsoleEndpoint, "/metrics"));
        }

        Assert.DoesNotMatch(waiting, metrics);
        Assert.DoesNotMatch($"nuage_iot_rule_errors_total\\{{[^}}]*{Regex.Escape(label)}[^}}]*\\}} [1-9]", metrics);
    }

    [Fact]
    public async Task Republish_sends_matched_messages_to_another_topic_of_the_account_and_nowhere_else()
    {
        var owner = await IotKeys.NewAccountAsync(fixture, "republish");
        var other = await IotKeys.NewAccountAsync(fixture, "republish-other");
        using var admin = owner.Account!.Admin(fixture);
        (await admin.PostAsync($"/api/iot/accounts/{owner.Account.Name}/rules", new
        {
            ruleName = "alarms", topicFilter = "plant/+/status", condition = "level >= 3 AND NOT muted = true", republishTopic = "alarms/all",
        })).Expect(HttpStatusCode.Created);

        await using var subscriber = await MqttTestClient.ConnectOkAsync(fixture, owner);
        await subscriber.SubscribeOkAsync("alarms/#");
        await using var outsider = await MqttTestClient.ConnectOkAsync(fixture, other);
        await outsider.SubscribeOkAsync("alarms/#");
        await using var device = await MqttTestClient.ConnectOkAsync(fixture, owner);
        Assert.True((await device.PublishAsync("plant/p1/status", """{"level":1}""")).IsSuccess);
        Assert.True((await device.PublishAsync("plant/p1/status", """{"level":4,"muted":true}""")).IsSuccess);
        Assert.True((await device.PublishAsync("plant/p2/status", """{"level":5}""")).IsSuccess);

        var message = await subscriber.NextAsync();
        Assert.Equal("alarms/all", message.Topic);
        Assert.Equal("""{"level":5}""", message.Payload);
        await subscriber.AssertNothingElseArrivesAsync();
        await outsider.AssertNothingElseArrivesAsync();
    }

    [Fact]
    public async Task Bad_rules_are_refused_with_a_clear_error_and_another_account_may_not_manage_them()
    {
        var owner = await IotKeys.NewAccountAsync(fixture, "badrules");
        var other = await IotKeys.NewAccountAsync(fixture, "badrules-other");
        using var otherS3 = other.Account!.S3(fixture);
        string foreign = "foreign-" + Guid.NewGuid().ToString("N")[..8];
        await otherS3.PutBucketAsync(foreign);
        using var s3 = owner.Account!.S3(fixture);
        string bucket = "own-" + Guid.NewGuid().ToString("N")[..8];
        await s3.PutBucketAsync(bucket);
        using var admin = owner.Account.Admin(fixture);
        string rules = $"/api/iot/accounts/{owner.Account.Name}/rules";

        foreach (var (body, fragment) in new (object Body, string Fragment)[]
        {
            (new { ruleName = "c1", topicFilter = "a/#", condition = "temperature >", bucket }, "character 14"),
            (new { ruleName = "c2", topicFilter = "a/#", condition = "temperature > 30 AND", bucket }, "field name"),
            (new { ruleName = "c3", topicFilter = "a/#", condition = "upper(site) = 'x'", bucket }, "comparison operator"),
            (new { ruleName = "c4", topicFilter = "a/#", condition = "site = 'paris", bucket }, "closing quote"),
            (new { ruleName = "c5", topicFilter = "a/#", condition = "a = 1 b = 2", bucket }, "expected AND, OR"),
            (new { ruleName = "f1", topicFilter = "a/#/b", bucket }, "topicFilter"),
            (new { ruleName = "n", topicFilter = "a/#" }, "at least one action"),
            (new { ruleName = "bad name", topicFilter = "a/#", bucket }, "ruleName"),
            (new { ruleName = "r1", topicFilter = "a/#", republishTopic = "a/+" }, "republishTopic"),
            (new { ruleName = "r2", topicFilter = "a/#", republishTopic = "a/b" }, "matches the rule's own"),
            (new { ruleName = "b1", topicFilter = "a/#", bucket, maxMessages = 0 }, "maxMessages"),
            (new { ruleName = "b2", topicFilter = "a/#", bucket, prefix = "../x" }, "prefix"),
            (new { ruleName = "b3", topicFilter = "a/#", prefix = "x/", republishTopic = "c/d" }, "give bucket"),
        })
        {
            var refused = (await admin.PostAsync(rules, body)).ExpectError(HttpStatusCode.BadRequest, "InvalidInput");
            Assert.Contains(fragment, refused.Text, StringComparison.Ordinal);
        }

        (await admin.PostAsync(rules, new { ruleName = "theirs", topicFilter = "a/#", bucket = foreign })).ExpectError(HttpStatusCode.NotFound, "NoSuchEntity");
        (await admin.PostAsync(rules, new { ruleName = "missing", topicFilter = "a/#", bucket = "no-such-" + bucket })).ExpectError(HttpStatusCode.NotFound, "NoSuchEntity");
        (await admin.PostAsync(rules, new { ruleName = "ok", topicFilter = "a/#", bucket })).Expect(HttpStatusCode.Created);
        (await admin.PostAsync(rules, new { ruleName = "ok", topicFilter = "b/#", bucket })).ExpectError(HttpStatusCode.Conflict, "EntityAlreadyExists");
        (await admin.GetAsync(rules + "/nope")).ExpectError(HttpStatusCode.NotFound, "NoSuchEntity");

        using var intruder = other.Account.Admin(fixture);
        (await intruder.GetAsync(rules)).ExpectError(HttpStatusCode.Forbidden, "AccessDenied");
        (await intruder.DeleteAsync(rules + "/ok")).ExpectError(HttpStatusCode.Forbidden, "AccessDenied");
        (await admin.GetAsync(rules + "/ok")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Rules_round_trip_through_the_cli()
    {
        var owner = await IotKeys.NewAccountAsync(fixture, "rulecli");
        var account = owner.Account!;
        using var s3 = account.S3(fixture);
        string bucket = "rulecli-" + Guid.NewGuid().ToString("N")[..8];
        await s3.PutBucketAsync(bucket);

        using var created = JsonDocument.Parse((await AdminAsync(
            "iot", "rules", "create", "telemetry", "--account", account.Name, "--topic-filter", "things/+/data", "--condition", "rpm > 1000",
            "--bucket", bucket, "--prefix", "tele", "--max-messages", "500", "--max-age", "5", "-o", "json")).AssertSuccess().StandardOutput);
        Assert.Equal("tele/", created.RootElement.GetProperty("prefix").GetString());
        Assert.Equal(500, created.RootElement.GetProperty("maxMessages").GetInt32());
        var listed = (await AdminAsync("iot", "rules", "list", "--account", account.Name)).AssertSuccess();
        listed.Assert(listed.StandardOutput.Contains("telemetry", StringComparison.Ordinal) && listed.StandardOutput.Contains("things/+/data", StringComparison.Ordinal), "lists the rule");
        using var got = JsonDocument.Parse((await AdminAsync("iot", "rules", "get", "telemetry", "--account", account.Name, "-o", "json")).AssertSuccess().StandardOutput);
        Assert.Equal("rpm > 1000", got.RootElement.GetProperty("condition").GetString());

        var bad = await AdminAsync("iot", "rules", "create", "broken", "--account", account.Name, "--topic-filter", "x", "--condition", "rpm >>", "--bucket", bucket);
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("condition", bad.StandardError, StringComparison.Ordinal);

        (await AdminAsync("iot", "rules", "delete", "telemetry", "--account", account.Name)).AssertSuccess();
        Assert.NotEqual(0, (await AdminAsync("iot", "rules", "get", "telemetry", "--account", account.Name)).ExitCode);
    }

    [GeneratedRegex(@"^hot/\d{4}/\d{2}/\d{2}/\d{2}/\d{20}\.jsonl$")]
    private static partial Regex KeyShape();

    private Task<ChildResult> AdminAsync(params string[] arguments) =>
        ChildProcess.RunAsync("dotnet", [RepositoryPaths.ServerDll, "admin", .. arguments], new Dictionary<string, string?>
        {
            ["NUAGE_ADMIN_ENDPOINT"] = fixture.ConsoleEndpoint.ToString(),
            ["NUAGE_ACCESS_KEY"] = NuageProcess.AccessKey,
            ["NUAGE_SECRET_KEY"] = NuageProcess.SecretKey,
        });
}

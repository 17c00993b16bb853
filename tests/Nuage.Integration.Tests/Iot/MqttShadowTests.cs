using System.Text.Json.Nodes;
using MQTTnet;
using MQTTnet.Protocol;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// Device shadows over MQTT (docs/iot-shadows.md) with MQTTnet's client against the real server: the reserved
/// $aws/things/THING/shadow/... topics, AWS's documents and errors, named shadows, accounts kept apart.
/// </summary>
public sealed class MqttShadowTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>
{
    [Fact]
    public async Task An_update_is_accepted_with_metadata_delta_and_documents_and_a_get_returns_the_merged_state()
    {
        var root = await IotKeys.NewAccountAsync(fixture, "shadow-update");
        await using var client = await MqttTestClient.ConnectOkAsync(fixture, root);
        const string prefix = "$aws/things/lamp-1/shadow";
        await client.SubscribeShadowAsync(prefix, "update/accepted", "update/delta", "update/documents", "get/accepted");

        Ok(await client.PublishAsync(prefix + "/update", """{"state":{"desired":{"color":"red","power":{"on":true,"level":3}}},"clientToken":"t-1"}"""));
        var first = await client.NextByTopicAsync(3);
        var accepted = first[prefix + "/update/accepted"];
        Assert.Equal(1, (long)accepted["version"]!);
        Assert.Equal("t-1", (string)accepted["clientToken"]!);
        Assert.Equal("red", (string)accepted["state"]!["desired"]!["color"]!);
        Assert.True((long)accepted["metadata"]!["desired"]!["power"]!["level"]!["timestamp"]! > 1_700_000_000);
        var delta = first[prefix + "/update/delta"];
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"color":"red","power":{"on":true,"level":3}}"""), delta["state"]));
        Assert.Equal(1, (long)delta["version"]!);
        var documents = first[prefix + "/update/documents"];
        Assert.Null(documents["previous"]);
        Assert.Equal(1, (long)documents["current"]!["version"]!);

        // The device reports part of it: the delta shrinks to what still differs, and a reported-only update
        // publishes no /delta ("/update/delta").
        Ok(await client.PublishAsync(prefix + "/update", """{"state":{"reported":{"color":"red","power":{"on":true,"level":1}}}}"""));
        var second = await client.NextByTopicAsync(2);
        Assert.Equal(2, (long)second[prefix + "/update/accepted"]["version"]!);
        Assert.Equal(1, (long)second[prefix + "/update/documents"]["previous"]!["version"]!);
        await client.AssertNothingElseArrivesAsync();

        Ok(await client.PublishAsync(prefix + "/get", ""));
        var got = await client.NextOnAsync(prefix + "/get/accepted");
        Assert.Equal(2, (long)got["version"]!);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"power":{"level":3}}"""), got["state"]!["delta"]));
        Assert.Equal(1, (long)got["state"]!["reported"]!["power"]!["level"]!);
        Assert.NotNull(got["metadata"]!["reported"]!["color"]!["timestamp"]);
    }

    [Fact]
    public async Task Null_removes_a_field_objects_merge_and_arrays_are_replaced()
    {
        var root = await IotKeys.NewAccountAsync(fixture, "shadow-merge");
        await using var client = await MqttTestClient.ConnectOkAsync(fixture, root);
        const string prefix = "$aws/things/merge/shadow";
        await client.SubscribeShadowAsync(prefix, "update/accepted", "get/accepted");

        foreach (var update in new[]
                 {
                     """{"state":{"reported":{"a":1,"b":{"x":1,"y":2},"list":[1,2,3],"gone":true}}}""",
                     """{"state":{"reported":{"b":{"y":null,"z":3},"list":[9],"gone":null}}}""",
                 })
        {
            Ok(await client.PublishAsync(prefix + "/update", update));
            await client.NextOnAsync(prefix + "/update/accepted");
        }

        Ok(await client.PublishAsync(prefix + "/get", """{"clientToken":"g"}"""));
        var got = await client.NextOnAsync(prefix + "/get/accepted");
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse("""{"a":1,"b":{"x":1,"z":3},"list":[9]}"""), got["state"]!["reported"]),
            got.ToJsonString());
        Assert.Equal("g", (string)got["clientToken"]!);
        Assert.Single(got["metadata"]!["reported"]!["list"]!.AsArray());

        // desired: null clears the whole section.
        Ok(await client.PublishAsync(prefix + "/update", """{"state":{"desired":{"k":1}}}"""));
        await client.NextOnAsync(prefix + "/update/accepted");
        Ok(await client.PublishAsync(prefix + "/update", """{"state":{"desired":null}}"""));
        await client.NextOnAsync(prefix + "/update/accepted");
        Ok(await client.PublishAsync(prefix + "/get", ""));
        got = await client.NextOnAsync(prefix + "/get/accepted");
        Assert.Null(got["state"]!["desired"]);
        Assert.Equal(4, (long)got["version"]!);
    }

    [Fact]
    public async Task A_stale_version_is_rejected_with_409_and_bad_requests_get_AWS_errors()
    {
        var root = await IotKeys.NewAccountAsync(fixture, "shadow-errors");
        await using var client = await MqttTestClient.ConnectOkAsync(fixture, root);
        const string prefix = "$aws/things/dev/shadow";
        await client.SubscribeShadowAsync(prefix, "update/accepted", "update/rejected", "get/rejected", "delete/accepted", "delete/rejected");

        Ok(await client.PublishAsync(prefix + "/update", """{"state":{"reported":{"v":1}},"version":0}"""));
        Assert.Equal(1, (long)(await client.NextOnAsync(prefix + "/update/accepted"))["version"]!);
        Ok(await client.PublishAsync(prefix + "/update", """{"state":{"reported":{"v":2}},"version":7,"clientToken":"c9"}"""));
        var conflict = await client.NextOnAsync(prefix + "/update/rejected");
        Assert.Equal((409, "Version conflict", "c9"), ((int)conflict["code"]!, (string)conflict["message"]!, (string)conflict["clientToken"]!));

        foreach (var (payload, code, message) in new[]
                 {
                     ("{not json", 400, "Invalid JSON"),
                     ("""{"desired":{}}""", 400, "Missing required node: state"),
                     ("""{"state":[1]}""", 400, "State node must be an object"),
                     ("""{"state":{"desired":5}}""", 400, "Desired node must be an object"),
                     ("""{"state":{"delta":{}}}""", 400, "State contains an invalid node"),
                     ("""{"state":{"reported":{}},"version":"1"}""", 400, "Invalid version"),
                     ("""{"state":{"reported":{"a":{"b":{"c":{"d":{"e":{"f":{"g":1}}}}}}}}}""", 400, "JSON contains too many levels of nesting; maximum is 6"),
                     ("{\"state\":{\"reported\":{\"big\":\"" + new string('x', 9000) + "\"}}}", 413, "The payload exceeds the maximum size allowed"),
                 })
        {
            Ok(await client.PublishAsync(prefix + "/update", payload));
            var rejected = await client.NextOnAsync(prefix + "/update/rejected");
            Assert.Equal((code, message), ((int)rejected["code"]!, (string)rejected["message"]!));
        }

        // The refused updates changed nothing; delete keeps the version, so the next shadow continues it.
        Ok(await client.PublishAsync(prefix + "/delete", ""));
        Assert.Equal(1, (long)(await client.NextOnAsync(prefix + "/delete/accepted"))["version"]!);
        Ok(await client.PublishAsync(prefix + "/get", ""));
        var missing = await client.NextOnAsync(prefix + "/get/rejected");
        Assert.Equal((404, "No shadow exists with name: 'dev'"), ((int)missing["code"]!, (string)missing["message"]!));
        Ok(await client.PublishAsync(prefix + "/delete", ""));
        Assert.Equal(404, (int)(await client.NextOnAsync(prefix + "/delete/rejected"))["code"]!);
        Ok(await client.PublishAsync(prefix + "/update", """{"state":{"reported":{"v":3}}}"""));
        Assert.Equal(2, (long)(await client.NextOnAsync(prefix + "/update/accepted"))["version"]!);
    }

    [Fact]
    public async Task Named_shadows_are_separate_from_the_classic_one_and_from_each_other()
    {
        var root = await IotKeys.NewAccountAsync(fixture, "shadow-named");
        await using var client = await MqttTestClient.ConnectOkAsync(fixture, root);
        await client.SubscribeOkAsync("$aws/things/pump/shadow/name/+/update/accepted");
        await client.SubscribeOkAsync("$aws/things/pump/shadow/name/+/get/accepted");
        await client.SubscribeOkAsync("$aws/things/pump/shadow/get/rejected");

        Ok(await client.PublishAsync("$aws/things/pump/shadow/name/config/update", """{"state":{"desired":{"rate":5}}}"""));
        Assert.Equal(1, (long)(await client.NextOnAsync("$aws/things/pump/shadow/name/config/update/accepted"))["version"]!);
        Ok(await client.PublishAsync("$aws/things/pump/shadow/name/telemetry:v2/update", """{"state":{"reported":{"t":20}}}"""));
        Assert.Equal(1, (long)(await client.NextOnAsync("$aws/things/pump/shadow/name/telemetry:v2/update/accepted"))["version"]!);

        Ok(await client.PublishAsync("$aws/things/pump/shadow/name/config/get", ""));
        var config = await client.NextOnAsync("$aws/things/pump/shadow/name/config/get/accepted");
        Assert.Equal(5, (int)config["state"]!["desired"]!["rate"]!);
        Assert.Null(config["state"]!["reported"]);

        Ok(await client.PublishAsync("$aws/things/pump/shadow/get", ""));
        Assert.Equal(404, (int)(await client.NextOnAsync("$aws/things/pump/shadow/get/rejected"))["code"]!);
    }

    [Fact]
    public async Task The_update_request_itself_reaches_subscribers_of_the_update_topic()
    {
        var root = await IotKeys.NewAccountAsync(fixture, "shadow-request");
        await using var watcher = await MqttTestClient.ConnectOkAsync(fixture, root);
        await using var device = await MqttTestClient.ConnectOkAsync(fixture, root);
        await watcher.SubscribeOkAsync("$aws/things/+/shadow/update");

        const string request = """{"state":{"reported":{"on":true}}}""";
        Ok(await device.PublishAsync("$aws/things/door/shadow/update", request));
        var seen = await watcher.NextAsync();
        Assert.Equal(("$aws/things/door/shadow/update", request), (seen.Topic, seen.Payload));
    }

    [Fact]
    public async Task Accounts_have_their_own_shadows_and_an_accounts_hash_never_matches_shadow_topics()
    {
        var a = await IotKeys.NewAccountAsync(fixture, "shadow-iso-a");
        var b = await IotKeys.NewAccountAsync(fixture, "shadow-iso-b");
        await using var clientA = await MqttTestClient.ConnectOkAsync(fixture, a);
        await using var hashA = await MqttTestClient.ConnectOkAsync(fixture, a);
        await using var spyB = await MqttTestClient.ConnectOkAsync(fixture, b);
        await hashA.SubscribeOkAsync("#");
        await hashA.SubscribeOkAsync("+/things/#");
        await spyB.SubscribeOkAsync("$aws/things/#");
        await spyB.SubscribeOkAsync("#");
        await clientA.SubscribeOkAsync("$aws/things/shared-name/shadow/update/accepted");

        Ok(await clientA.PublishAsync("$aws/things/shared-name/shadow/update", """{"state":{"reported":{"secret":"A"}}}"""));
        await clientA.NextOnAsync("$aws/things/shared-name/shadow/update/accepted");

        // MQTT 5 §4.7.2: '#' and '+' at the first level do not match '$' topics; B's $aws filter is B's own root.
        await hashA.AssertNothingElseArrivesAsync();
        await spyB.AssertNothingElseArrivesAsync();

        // B's shadow of the same thing name is another shadow: it does not exist.
        await spyB.SubscribeOkAsync("$aws/things/shared-name/shadow/get/rejected");
        Ok(await spyB.PublishAsync("$aws/things/shared-name/shadow/get", ""));
        var message = await spyB.NextAsync();
        Assert.Equal("$aws/things/shared-name/shadow/get/rejected", message.Topic);
        Assert.Contains("\"code\":404", message.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shadow_topics_are_authorized_with_the_topic_the_client_sees()
    {
        var root = await IotKeys.NewAccountAsync(fixture, "shadow-auth");
        var device = await root.NewUserAsync(fixture, "lamp-device", IotKeys.AllowTopics(root.AccountId, "$aws/things/lamp/shadow/*"));
        await using var client = await MqttTestClient.ConnectOkAsync(fixture, device);
        await client.SubscribeOkAsync("$aws/things/lamp/shadow/update/accepted");
        Assert.Equal(MQTTnet.MqttClientSubscribeResultCode.NotAuthorized, await client.SubscribeAsync("$aws/things/other/shadow/update/accepted"));

        Ok(await client.PublishAsync("$aws/things/lamp/shadow/update", """{"state":{"reported":{"on":1}}}"""));
        Assert.Equal(1, (long)(await client.NextOnAsync("$aws/things/lamp/shadow/update/accepted"))["version"]!);
        var refused = await client.PublishAsync("$aws/things/other/shadow/update", """{"state":{"reported":{"on":1}}}""");
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, refused.ReasonCode);

        // The refused request changed nothing: the account root sees no shadow for "other".
        await using var owner = await MqttTestClient.ConnectOkAsync(fixture, root);
        await owner.SubscribeOkAsync("$aws/things/other/shadow/get/rejected");
        Ok(await owner.PublishAsync("$aws/things/other/shadow/get", ""));
        Assert.Equal(404, (int)(await owner.NextOnAsync("$aws/things/other/shadow/get/rejected"))["code"]!);
    }

    [Fact]
    public async Task A_shadow_survives_a_server_restart()
    {
        using var data = new TempDirectory();
        var directory = Path.Combine(data.Path, "data");
        var operatorKeys = new IotKeys(NuageProcess.AccessKey, NuageProcess.SecretKey, "000000000000");
        const string prefix = "$aws/things/boiler/shadow/name/settings";
        await using (var server = await NuageProcess.StartAsync(directory))
        {
            await using var client = await MqttTestClient.ConnectAsync(server, operatorKeys);
            await client.SubscribeOkAsync(prefix + "/update/accepted");
            Ok(await client.PublishAsync(prefix + "/update", """{"state":{"desired":{"temp":60},"reported":{"temp":55}}}"""));
            await client.NextOnAsync(prefix + "/update/accepted");
            Ok(await client.PublishAsync(prefix + "/update", """{"state":{"reported":{"temp":58}}}"""));
            Assert.Equal(2, (long)(await client.NextOnAsync(prefix + "/update/accepted"))["version"]!);
            Assert.Equal(0, await server.StopAsync());
        }

        await using var restarted = await NuageProcess.StartAsync(directory);
        await using var again = await MqttTestClient.ConnectAsync(restarted, operatorKeys);
        await again.SubscribeOkAsync(prefix + "/get/accepted");
        Ok(await again.PublishAsync(prefix + "/get", ""));
        var got = await again.NextOnAsync(prefix + "/get/accepted");
        Assert.Equal(2, (long)got["version"]!);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"desired":{"temp":60},"reported":{"temp":58},"delta":{"temp":60}}"""), got["state"]), got.ToJsonString());
        restarted.AssertNoErrors();
    }

    [Fact]
    public async Task A_shadow_filter_can_be_unsubscribed()
    {
        var root = await IotKeys.NewAccountAsync(fixture, "shadow-unsub");
        await using var client = await MqttTestClient.ConnectOkAsync(fixture, root);
        await client.SubscribeOkAsync("$aws/things/+/shadow/update/accepted");
        Assert.Equal(MqttClientUnsubscribeResultCode.Success, await client.UnsubscribeAsync("$aws/things/+/shadow/update/accepted"));
        Assert.Equal(MqttClientUnsubscribeResultCode.TopicFilterInvalid, await client.UnsubscribeAsync("$aws/rules/#"));

        Ok(await client.PublishAsync("$aws/things/quiet/shadow/update", """{"state":{"reported":{"x":1}}}"""));
        await client.AssertNothingElseArrivesAsync();
    }

    [Fact]
    public async Task Mosquitto_clients_update_a_shadow_and_read_it_back()
    {
        var root = await IotKeys.NewAccountAsync(fixture, "shadow-mosquitto");
        await using var watcher = await MqttTestClient.ConnectOkAsync(fixture, root);
        await watcher.SubscribeOkAsync("$aws/things/mosq/shadow/update/accepted");
        (await Mosquitto.PubAsync(fixture, root, "$aws/things/mosq/shadow/update", """{"state":{"reported":{"via":"mosquitto"}}}""", "-q", "1", "-V", "mqttv311"))
            .AssertSuccess();
        Assert.Equal(1, (long)(await watcher.NextOnAsync("$aws/things/mosq/shadow/update/accepted"))["version"]!);

        // mosquitto_sub may not have subscribed yet when the first answer goes out: ask until it has one.
        var sub = Mosquitto.SubAsync(fixture, root, "$aws/things/mosq/shadow/get/accepted", 1, "-V", "mqttv5");
        while (!sub.IsCompleted)
        {
            Ok(await watcher.PublishAsync("$aws/things/mosq/shadow/get", ""));
            await Task.WhenAny(sub, Task.Delay(200));
        }

        var line = Assert.Single((await sub).AssertSuccess().StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("$aws/things/mosq/shadow/get/accepted {", line, StringComparison.Ordinal);
        Assert.Contains("\"reported\":{\"via\":\"mosquitto\"}", line, StringComparison.Ordinal);
    }

    private static void Ok(MqttClientPublishResult result) => Assert.True(result.IsSuccess, $"publish refused: {result.ReasonCode}");
}

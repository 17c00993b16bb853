using System.Net;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Nuage.Integration.Tests.Admin;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// Shared subscriptions, <c>$share/NAME/FILTER</c> (MQTT 5 §4.8.2; docs/iot.md "Shared subscriptions"): each message
/// matching FILTER goes to exactly one member of each share, members in turn, while ordinary subscribers still get
/// every message; shares are per account; the policy resource is the whole <c>topicfilter/$share/...</c>.
/// </summary>
public sealed class MqttSharedSubscriptionTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>
{
    private const int Messages = 30;

    [Theory]
    [InlineData(MqttTransport.Tcp, MqttProtocolVersion.V500)]
    [InlineData(MqttTransport.Tcp, MqttProtocolVersion.V311)]
    [InlineData(MqttTransport.WebSocket, MqttProtocolVersion.V500)]
    public async Task Each_message_goes_to_exactly_one_member_and_every_member_gets_its_turn(MqttTransport transport, MqttProtocolVersion version)
    {
        var a = await IotKeys.NewAccountAsync(fixture, "share-turns");
        var members = new List<MqttTestClient>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var member = await MqttTestClient.ConnectOkAsync(fixture, a, transport, version);
                members.Add(member);
                if (version == MqttProtocolVersion.V500)
                {
                    // MQTT 5 §3.2.2.3.14: the server says it has shared subscriptions.
                    Assert.True(member.ConnectResult.SharedSubscriptionAvailable);
                }

                await member.SubscribeOkAsync("$share/workers/jobs/#");
            }

            await using var everything = await MqttTestClient.ConnectOkAsync(fixture, a, transport, version);
            await everything.SubscribeOkAsync("jobs/#");
            await using var publisher = await MqttTestClient.ConnectOkAsync(fixture, a);
            for (var i = 0; i < Messages; i++)
            {
                Assert.True((await publisher.PublishAsync($"jobs/{i % 4}", $"job {i}")).IsSuccess);
            }

            // The ordinary subscriber gets all of them; the share's members split them with none twice.
            var all = new List<string>();
            for (var i = 0; i < Messages; i++)
            {
                all.Add((await everything.NextAsync()).Payload);
            }

            Assert.Equal(Enumerable.Range(0, Messages).Select(i => $"job {i}"), all);
            var perMember = await DrainEachAsync(members);
            Assert.Equal(all.Order(), perMember.SelectMany(m => m).Order());
            Assert.All(perMember, received => Assert.Equal(Messages / members.Count, received.Count));
        }
        finally
        {
            foreach (var member in members)
            {
                await member.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Two_shares_on_one_filter_each_get_every_message_once()
    {
        var a = await IotKeys.NewAccountAsync(fixture, "share-two");
        await using var billing1 = await MqttTestClient.ConnectOkAsync(fixture, a);
        await using var billing2 = await MqttTestClient.ConnectOkAsync(fixture, a);
        await using var audit = await MqttTestClient.ConnectOkAsync(fixture, a);
        await billing1.SubscribeOkAsync("$share/billing/orders/+");
        await billing2.SubscribeOkAsync("$share/billing/orders/+");
        await audit.SubscribeOkAsync("$share/audit/orders/+");
        await using var publisher = await MqttTestClient.ConnectOkAsync(fixture, a);
        for (var i = 0; i < 10; i++)
        {
            Assert.True((await publisher.PublishAsync("orders/new", $"order {i}")).IsSuccess);
        }

        var billing = await DrainEachAsync([billing1, billing2]);
        Assert.Equal(10, billing.Sum(m => m.Count));
        Assert.Equal(10, billing.SelectMany(m => m).Distinct().Count());
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal($"order {i}", (await audit.NextAsync()).Payload);
        }

        await audit.AssertNothingElseArrivesAsync();
    }

    [Fact]
    public async Task Shares_of_the_same_name_in_two_accounts_never_mix()
    {
        var a = await IotKeys.NewAccountAsync(fixture, "share-iso-a");
        var b = await IotKeys.NewAccountAsync(fixture, "share-iso-b");
        await using var memberA = await MqttTestClient.ConnectOkAsync(fixture, a);
        await using var memberB = await MqttTestClient.ConnectOkAsync(fixture, b);
        await memberA.SubscribeOkAsync("$share/workers/jobs/#");
        await memberB.SubscribeOkAsync("$share/workers/jobs/#");
        await memberB.SubscribeOkAsync("$share/workers/#");

        await using var publisherA = await MqttTestClient.ConnectOkAsync(fixture, a);
        for (var i = 0; i < 5; i++)
        {
            Assert.True((await publisherA.PublishAsync("jobs/1", $"A {i}")).IsSuccess);
        }

        // A's only member gets all five (a share shared with B's member would have given B some).
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(new ReceivedMessage("jobs/1", $"A {i}", false, 1), await memberA.NextAsync());
        }

        await memberB.AssertNothingElseArrivesAsync();
        await memberA.AssertNothingElseArrivesAsync();
    }

    [Fact]
    public async Task A_shared_subscription_gets_no_retained_messages_and_refuses_bad_filters_and_no_local()
    {
        var a = await IotKeys.NewAccountAsync(fixture, "share-rules");
        await using var publisher = await MqttTestClient.ConnectOkAsync(fixture, a);
        Assert.True((await publisher.PublishAsync("state/door", "open", retain: true)).IsSuccess);

        await using var member = await MqttTestClient.ConnectOkAsync(fixture, a);
        await member.SubscribeOkAsync("$share/watchers/state/#");
        await using var plain = await MqttTestClient.ConnectOkAsync(fixture, a);
        await plain.SubscribeOkAsync("state/#");
        Assert.Equal(new ReceivedMessage("state/door", "open", true, 1), await plain.NextAsync());
        await member.AssertNothingElseArrivesAsync();

        // MQTT 5 §4.8.2: a share name is non-empty without '/', '+' or '#', and a filter follows it.
        foreach (var bad in new[] { "$share//state/#", "$share/wat+chers/state/#", "$share/watchers", "$share/watchers/", "$share/w/a+/b" })
        {
            Assert.Equal(MqttClientSubscribeResultCode.TopicFilterInvalid, await member.SubscribeAsync(bad));
        }

        Assert.True(member.IsConnected);

        // §3.8.3.1: No Local on a shared subscription is a protocol error; the connection is closed.
        await using var noLocal = await MqttTestClient.ConnectOkAsync(fixture, a);
        try
        {
            // Whether SUBACK (0x8F) still reaches the client before the connection closes is a race; the close is not.
            Assert.Equal(MqttClientSubscribeResultCode.TopicFilterInvalid, await noLocal.SubscribeWithOptionsAsync(new MqttTopicFilterBuilder()
                .WithTopic("$share/watchers/state/#").WithNoLocal(true).WithAtLeastOnceQoS().Build()));
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
        }

        await WaitUntilAsync(() => !noLocal.IsConnected);
    }

    [Fact]
    public async Task Leaving_a_share_hands_its_turns_to_the_others_and_keeps_an_ordinary_subscription_on_the_same_filter()
    {
        var a = await IotKeys.NewAccountAsync(fixture, "share-leave");
        await using var stays = await MqttTestClient.ConnectOkAsync(fixture, a);
        await using var leaves = await MqttTestClient.ConnectOkAsync(fixture, a);
        await stays.SubscribeOkAsync("$share/g/jobs/#");
        await leaves.SubscribeOkAsync("$share/g/jobs/#");
        await leaves.SubscribeOkAsync("jobs/#");
        Assert.Equal(MqttClientUnsubscribeResultCode.Success, await leaves.UnsubscribeAsync("$share/g/jobs/#"));

        await using var publisher = await MqttTestClient.ConnectOkAsync(fixture, a);
        for (var i = 0; i < 6; i++)
        {
            Assert.True((await publisher.PublishAsync("jobs/x", $"job {i}")).IsSuccess);
        }

        // The one left in the share gets all six, and so does the ordinary subscription of the one that left it.
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal($"job {i}", (await stays.NextAsync()).Payload);
            Assert.Equal($"job {i}", (await leaves.NextAsync()).Payload);
        }

        // Unsubscribing the ordinary filter now ends the broker's subscription: nothing more arrives.
        Assert.Equal(MqttClientUnsubscribeResultCode.Success, await leaves.UnsubscribeAsync("jobs/#"));
        Assert.True((await publisher.PublishAsync("jobs/x", "after")).IsSuccess);
        Assert.Equal("after", (await stays.NextAsync()).Payload);
        await leaves.AssertNothingElseArrivesAsync();
    }

    [Fact]
    public async Task The_policy_resource_is_the_whole_share_filter_and_a_device_shares_only_its_own_topics()
    {
        var a = await IotKeys.NewAccountAsync(fixture, "share-policy");
        var arn = $"arn:aws:iot:*:{a.AccountId}";
        var plainOnly = await a.NewUserAsync(fixture, "plain-only", IotKeys.Allow(
            ("iot:Connect", "*"), ("iot:Subscribe", $"{arn}:topicfilter/jobs/#"), ("iot:Receive", $"{arn}:topic/jobs/*")));
        var sharer = await a.NewUserAsync(fixture, "sharer", IotKeys.Allow(
            ("iot:Connect", "*"), ("iot:Subscribe", $"{arn}:topicfilter/$share/workers/jobs/#"), ("iot:Receive", $"{arn}:topic/jobs/*")));
        await using (var client = await MqttTestClient.ConnectOkAsync(fixture, plainOnly))
        {
            Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await client.SubscribeAsync("$share/workers/jobs/#"));
        }

        await using var member = await MqttTestClient.ConnectOkAsync(fixture, sharer);
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await member.SubscribeAsync("$share/others/jobs/#"));
        await member.SubscribeOkAsync("$share/workers/jobs/#");
        await using var publisher = await MqttTestClient.ConnectOkAsync(fixture, a);
        Assert.True((await publisher.PublishAsync("jobs/7", "seven")).IsSuccess);
        Assert.Equal(new ReceivedMessage("jobs/7", "seven", false, 1), await member.NextAsync());

        var device = await IotDevice.RegisterAsync(fixture, a.Account!, "press-" + Guid.NewGuid().ToString("N")[..6]);
        await using var deviceClient = await device.ConnectOkAsync(fixture);
        await deviceClient.SubscribeOkAsync($"$share/self/things/{device.ThingName}/cmd/#");
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await deviceClient.SubscribeAsync("$share/self/things/other-press/cmd/#"));
        Assert.True((await publisher.PublishAsync($"things/{device.ThingName}/cmd/start", "go")).IsSuccess);
        Assert.Equal(new ReceivedMessage($"things/{device.ThingName}/cmd/start", "go", false, 1), await deviceClient.NextAsync());
    }

    [Fact]
    public async Task Mosquitto_sub_joins_a_share()
    {
        var a = await IotKeys.NewAccountAsync(fixture, "share-mosq");
        var sub = Mosquitto.SubAsync(fixture, a, "$share/line/metrics/#", 3, "-V", "mqttv5");
        await using var publisher = await MqttTestClient.ConnectOkAsync(fixture, a);
        // mosquitto_sub subscribes a moment after it starts: publish until it has its three messages.
        var sent = 0;
        while (!sub.IsCompleted && sent < 100)
        {
            Assert.True((await publisher.PublishAsync($"metrics/m{sent}", $"v{sent}")).IsSuccess);
            sent++;
            await Task.WhenAny(sub, Task.Delay(100));
        }

        var result = await sub;
        Assert.Equal(0, result.ExitCode);
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.All(lines, line => Assert.Matches("^metrics/m[0-9]+ v[0-9]+$", line));
    }

    [Fact]
    public async Task A_persistent_member_is_still_in_its_share_after_a_restart()
    {
        using var data = new TempDirectory();
        var directory = Path.Combine(data.Path, "data");
        IotKeys a;
        await using (var server = await NuageProcess.StartAsync(directory))
        {
            a = await IotKeys.NewAccountAsync(server, "share-restart");
            await using (var member = await MqttTestClient.ConnectAsync(server, a, clientId: "worker-1", configure: MqttTestClient.Persistent(3600)))
            {
                await member.SubscribeOkAsync("$share/workers/jobs/#");
                await member.SubscribeOkAsync("alerts/#");
            }

            Assert.Equal(0, await server.StopAsync());
        }

        await using var restarted = await NuageProcess.StartAsync(directory);
        await using var resumed = await MqttTestClient.ConnectAsync(restarted, a, clientId: "worker-1", configure: MqttTestClient.Persistent(3600));
        Assert.True(resumed.ConnectResult.IsSessionPresent);
        // Its own acknowledged PUBLISH shows the broker is reading its packets, so its session is rebuilt.
        Assert.True((await resumed.PublishAsync("status/worker-1", "back")).IsSuccess);
        await using var other = await MqttTestClient.ConnectAsync(restarted, a, clientId: "worker-2");
        await other.SubscribeOkAsync("$share/workers/jobs/#");
        await using var publisher = await MqttTestClient.ConnectAsync(restarted, a);
        for (var i = 0; i < 4; i++)
        {
            Assert.True((await publisher.PublishAsync("jobs/q", $"job {i}")).IsSuccess);
        }

        Assert.True((await publisher.PublishAsync("alerts/fire", "!")).IsSuccess);

        // The restored member shares the jobs with the new one (two each), and its ordinary subscription is back too.
        var split = await DrainEachAsync([resumed, other]);
        Assert.Equal(["!", "job 0", "job 1", "job 2", "job 3"], split.SelectMany(m => m).Order());
        Assert.Contains("!", split[0]);
        Assert.Equal(3, split[0].Count);
        Assert.Equal(2, split[1].Count);
        restarted.AssertNoErrors();
    }

    /// <summary>
    /// Everything each client received up to now, read in turn: each publishes a control message to itself and
    /// reads until it arrives. The messages under test were acknowledged before, so the broker had queued them
    /// first (MQTT 5 §4.6 keeps one connection's order), and a message delivered twice or to the wrong member is
    /// in these lists.
    /// </summary>
    private static async Task<List<List<string>>> DrainEachAsync(IReadOnlyList<MqttTestClient> clients)
    {
        var received = new List<List<string>>();
        foreach (var client in clients)
        {
            var control = "control/" + Guid.NewGuid().ToString("N");
            await client.SubscribeOkAsync(control);
            Assert.True((await client.PublishAsync(control, "control")).IsSuccess);
            var messages = new List<string>();
            for (var next = await client.NextAsync(); next.Topic != control; next = await client.NextAsync())
            {
                messages.Add(next.Payload);
            }

            received.Add(messages);
        }

        return received;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(MqttTestClient.Timeout);
        while (!condition())
        {
            await Task.Delay(20, deadline.Token);
        }
    }
}

using MQTTnet;
using Nuage.Iot.Broker;
using Nuage.Mqtt.Handlers;

namespace Nuage.Iot.Tests.Broker;

/// <summary>
/// The queue of a session from before a restart while its client resumes it (docs/iot.md "Persistence"): a message
/// queued here reaches the client from here only, whether MQTTnet dispatches it before or after the hand-over, and
/// nothing is queued once the hand-over has happened or the session no longer waits.
/// </summary>
public sealed class ResumingSessionQueueTests
{
    [Fact]
    public void Messages_loaded_and_queued_since_are_handed_over_once_in_order()
    {
        var queue = new ResumingSessionQueue([(Stored("a/0"), null, null), (Stored("a/1"), (ushort)7, null)]);
        Assert.True(queue.TryAdd(Stored("a/2"), Published("a/2"), () => true));

        var handed = queue.HandOver(1000, () => { });
        Assert.Equal(["a/0", "a/1", "a/2"], handed.Select(entry => entry.Message.Topic));
        Assert.Equal((ushort)7, handed[1].ReleasedPacketId);
        Assert.Empty(queue.HandOver(1000, () => { }));
    }

    [Fact]
    public void A_queued_message_is_refused_to_mqttnet_before_and_after_the_hand_over_and_only_once()
    {
        var queue = new ResumingSessionQueue([]);
        var before = Published("a/1");
        var after = Published("a/2");
        Assert.True(queue.TryAdd(Stored("a/1"), before, () => true));
        Assert.True(queue.TryAdd(Stored("a/2"), after, () => true));

        // MQTTnet dispatches the first while the subscriptions are being rebuilt: it stays queued here.
        Assert.True(queue.QueuedHere(before));
        Assert.Equal(["a/1", "a/2"], queue.HandOver(1000, () => { }).Select(entry => entry.Message.Topic));

        // The second comes to MQTTnet's dispatch after the hand-over: refused as well, it was handed over.
        Assert.True(queue.QueuedHere(after));

        // MQTTnet dispatches a message to a session once; any other message is MQTTnet's to deliver.
        Assert.False(queue.QueuedHere(before));
        Assert.False(queue.QueuedHere(Published("a/3")));
    }

    [Fact]
    public void Nothing_is_queued_once_handed_over_or_when_the_session_no_longer_waits()
    {
        var queue = new ResumingSessionQueue([]);
        var late = Published("a/1");
        Assert.False(queue.TryAdd(Stored("a/1"), late, () => false));
        Assert.False(queue.QueuedHere(late));

        var waiting = true;
        Assert.Empty(queue.HandOver(1000, () => waiting = false));
        Assert.False(waiting);
        var afterHandOver = Published("a/2");
        Assert.False(queue.TryAdd(Stored("a/2"), afterHandOver, () => true));
        Assert.False(queue.QueuedHere(afterHandOver));
    }

    [Fact]
    public void The_hand_over_keeps_the_newest_within_the_limit_as_the_store_does()
    {
        var queue = new ResumingSessionQueue([.. Enumerable.Range(0, 5).Select(i => (Stored($"a/{i}"), (ushort?)null, (ushort?)null))]);
        Assert.Equal(["a/3", "a/4"], queue.HandOver(2, () => { }).Select(entry => entry.Message.Topic));
    }

    private static StoredMqttMessage Stored(string topic) =>
        new(topic, [1, 2, 3], 1, 0, null, null, null, [], null);

    private static MqttApplicationMessage Published(string topic) =>
        new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload([1, 2, 3]).Build();
}

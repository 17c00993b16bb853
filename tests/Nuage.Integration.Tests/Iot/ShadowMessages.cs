using System.Text.Json.Nodes;
using Xunit;

namespace Nuage.Integration.Tests.Iot;

/// <summary>Reads the shadow service's answers off a test client: the next message must be on the expected topic.</summary>
internal static class ShadowMessages
{
    /// <summary>Reads messages until one on <paramref name="topic"/> arrives (others are collected, not lost) and parses it.</summary>
    public static async Task<JsonObject> NextOnAsync(this MqttTestClient client, string topic)
    {
        var message = await client.NextAsync();
        Assert.True(message.Topic == topic, $"expected a message on {topic}, got {message.Topic}: {message.Payload}");
        return JsonNode.Parse(message.Payload)!.AsObject();
    }

    /// <summary>The next <paramref name="count"/> messages by topic, whatever their order.</summary>
    public static async Task<Dictionary<string, JsonObject>> NextByTopicAsync(this MqttTestClient client, int count)
    {
        var byTopic = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var message = await client.NextAsync();
            byTopic.Add(message.Topic, JsonNode.Parse(message.Payload)!.AsObject());
        }

        return byTopic;
    }

    /// <summary>Subscribes to each suffix under <paramref name="prefix"/> (e.g. "update/accepted").</summary>
    public static async Task SubscribeShadowAsync(this MqttTestClient client, string prefix, params string[] suffixes)
    {
        foreach (var suffix in suffixes)
        {
            await client.SubscribeOkAsync(prefix + "/" + suffix);
        }
    }
}

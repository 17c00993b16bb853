using Nuage.Iot.Topics;

namespace Nuage.Mqtt.Shared;

/// <summary>
/// How a <c>$share/...</c> filter travels from the SUBSCRIBE packet to <see cref="Handlers.SubscribeHandler"/>:
/// MQTTnet answers 0x9E (Shared Subscriptions not supported) to any filter starting with "$share/" before its
/// subscription interceptor runs, so the filter is marked with a leading U+0000 when the packet arrives. No client
/// can send that character (the malformed-packet guard refuses it first, MQTT 5 §1.5.4), so the mark is unambiguous.
/// </summary>
public static class SharedFilterMarker
{
    private const char Mark = '\u0000';

    public static string Wrap(string sharedFilter) => Mark + sharedFilter;

    public static string Wrap(SharedFilter shared) => Wrap(shared.ToString());

    /// <summary>The client's <c>$share/...</c> text of a marked filter.</summary>
    public static bool TryUnwrap(string? topic, out string sharedFilter)
    {
        var marked = topic is { Length: > 1 } && topic[0] == Mark && SharedFilter.IsShared(topic[1..]);
        sharedFilter = marked ? topic![1..] : string.Empty;
        return marked;
    }
}

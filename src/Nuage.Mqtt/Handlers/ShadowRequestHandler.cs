using Microsoft.Extensions.Logging;
using Nuage.Iot.Shadows;
using Nuage.Mqtt.Shadows;

namespace Nuage.Mqtt.Handlers;

/// <summary>
/// A PUBLISH to a shadow request topic (ShadowTopicPrefix/get, /update, /delete), after PublishHandler has decided
/// iot:Publish: the shadow service answers, and the answer is published to the response topic ("Device Shadow MQTT
/// topics"). The service itself publishes what every subscriber should see of a change (/update/accepted, /delta,
/// /documents, /delete/accepted); this door adds what only MQTT requests get: /get/accepted and the /rejected topics
/// ("Device Shadow error messages": errors are published only for requests made over MQTT).
/// </summary>
public sealed partial class ShadowRequestHandler(ShadowService shadows, ShadowPublisher publisher, ILogger<ShadowRequestHandler> logger)
{
    public async Task HandleAsync(ShadowAddress address, ShadowOperation operation, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ShadowResult result;
        try
        {
            result = operation switch
            {
                ShadowOperation.Get => await shadows.GetAsync(address, payload, cancellationToken).ConfigureAwait(false),
                ShadowOperation.Update => await shadows.UpdateAsync(address, payload, cancellationToken).ConfigureAwait(false),
                _ => await shadows.DeleteAsync(address, payload, cancellationToken).ConfigureAwait(false),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A store failure must not end the client's connection (MQTTnet would, on an exception from the
            // interceptor): the requester gets AWS's 500 on /rejected instead ("Device Shadow error messages").
            LogFailure(logger, e, address.ThingName);
            result = new ShadowResult(
                new ShadowError(500, "Internal service failure"),
                """{"code":500,"message":"Internal service failure"}"""u8.ToArray());
        }

        var suffix = operation switch
        {
            ShadowOperation.Get => "get",
            ShadowOperation.Update => "update",
            _ => "delete",
        };

        if (!result.Accepted || operation == ShadowOperation.Get)
        {
            var topic = ShadowTopic.Response(address, suffix + (result.Accepted ? "/accepted" : "/rejected"));
            await publisher.PublishAsync(address.AccountId, topic, result.Body).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A shadow request for thing {Thing} failed")]
    private static partial void LogFailure(ILogger logger, Exception exception, string thing);
}

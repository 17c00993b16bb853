using System.Text.Json;
using Microsoft.Extensions.Logging;
using Nuage.Metadata;
using Nuage.Storage.Notifications;

namespace Nuage.Iot.Rules;

/// <summary>
/// Runs an account's rules on one accepted PUBLISH (the MQTT door calls it after authorization). A message a bucket
/// rule matches is spooled through the metadata store's group commit, so many messages share one fsync; for QoS 1
/// and 2 the returned task completes only once that commit is durable, and the door sends PUBACK/PUBREC after it
/// (DESIGN.md "IoT hub": acknowledged means spooled). QoS 0 messages are spooled without waiting (MQTT 5 §4.3.1:
/// at most once, no acknowledgement to hold back). Republishing is fire-and-forget on the hub, like a PUBLISH the
/// server forwards. A webhook rule's message becomes a row of the bucket events' outbox (docs/notifications.md),
/// written in the same unit as the rule's spool row, so its acknowledgement waits for the delivery job too.
/// </summary>
public sealed partial class RuleRouter(
    RuleService rules,
    IMetadataStore store,
    RuleMetrics metrics,
    RuleFlusherSignal flushSignal,
    EventDispatcherSignal dispatchSignal,
    IotOptions options,
    IEnumerable<IRuleRepublisher> republishers,
    TimeProvider time,
    ILogger<RuleRouter> logger)
{
    private readonly IRuleRepublisher? _republisher = republishers.FirstOrDefault();

    /// <summary>
    /// Applies the rules; throws when a spool write failed for a message that must be acknowledged only once
    /// durable (the door then drops the connection without acknowledging, and the client sends it again).
    /// </summary>
    public async Task RouteAsync(string accountId, string topic, string clientId, int qos, System.Buffers.ReadOnlySequence<byte> body, CancellationToken cancellationToken)
    {
        var accountRules = await rules.RulesOfAsync(accountId, cancellationToken).ConfigureAwait(false);
        if (accountRules.Length == 0 || !accountRules.Any(r => TopicFilterMatch.Matches(r.TopicFilter, topic)))
        {
            // The common case costs a lookup and no copy of the payload.
            return;
        }

        ReadOnlyMemory<byte> payload = System.Buffers.BuffersExtensions.ToArray(body);

        JsonElement? json = null;
        bool jsonParsed = false;
        List<Task>? spools = null;
        var receivedAt = time.GetUtcNow();
        foreach (var rule in accountRules)
        {
            if (!TopicFilterMatch.Matches(rule.TopicFilter, topic))
            {
                continue;
            }

            string label = RuleMetrics.Label(accountId, rule.Name);
            metrics.In.WithLabels(label).Inc();
            if (!jsonParsed)
            {
                json = TryParse(payload);
                jsonParsed = true;
            }

            if (rule.ParsedCondition is { } condition && (json is not { } element || !condition.Matches(element)))
            {
                continue;
            }

            metrics.Matched.WithLabels(label).Inc();
            if (rule.Bucket is not null || rule.Webhook is not null)
            {
                // The webhook's body is the bucket's line: one JSON shape for a message, whatever the action.
                string line = SpoolLine.Format(topic, receivedAt, clientId, qos, payload.Span, json);
                string? destination = rule.Webhook?.Destination(options.Region, accountId);
                var spool = SpoolAsync(accountId, rule.Name, rule.Bucket is not null, destination, receivedAt, line, label, rethrow: qos > 0);
                if (qos > 0)
                {
                    (spools ??= []).Add(spool);
                }
            }

            if (rule.RepublishTopic is { } target && _republisher is { } republisher)
            {
                _ = RepublishAsync(republisher, accountId, target, payload, qos > 0, label);
            }
        }

        if (spools is not null)
        {
            await Task.WhenAll(spools).ConfigureAwait(false);
        }
    }

    private async Task SpoolAsync(
        string accountId, string ruleName, bool toBucket, string? webhookDestination, DateTimeOffset receivedAt, string line, string label, bool rethrow)
    {
        try
        {
            // Not cancelled with the connection: once handed to the writer, the unit is committed or fails as a whole.
            // Spool row and outbox row share the unit (one SAVEPOINT of the group commit): both are durable, or neither.
            await store.WriteAsync(t =>
            {
                if (toBucket)
                {
                    t.SpoolIotMessage(accountId, ruleName, receivedAt, line);
                }

                if (webhookDestination is not null)
                {
                    t.AddOutboxEntry(webhookDestination, line);
                }

                return true;
            }, CancellationToken.None).ConfigureAwait(false);
            if (toBucket)
            {
                flushSignal.Notify();
            }

            if (webhookDestination is not null)
            {
                // Raised after the commit, so the dispatcher's next read finds the row.
                dispatchSignal.Raise();
            }
        }
        catch (Exception ex)
        {
            metrics.Errors.WithLabels(label, "spool").Inc();
            LogSpoolFailed(logger, label, ex);
            if (rethrow)
            {
                throw;
            }
        }
    }

    private async Task RepublishAsync(IRuleRepublisher republisher, string accountId, string topic, ReadOnlyMemory<byte> payload, bool qos1, string label)
    {
        try
        {
            await republisher.RepublishAsync(accountId, topic, payload.ToArray(), qos1, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            metrics.Errors.WithLabels(label, "republish").Inc();
            LogRepublishFailed(logger, label, ex);
        }
    }

    private static JsonElement? TryParse(ReadOnlyMemory<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(payload.Span);
            return JsonElement.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "IoT rule {Rule}: a message could not be spooled")]
    private static partial void LogSpoolFailed(ILogger logger, string rule, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "IoT rule {Rule}: a message could not be republished")]
    private static partial void LogRepublishFailed(ILogger logger, string rule, Exception exception);
}

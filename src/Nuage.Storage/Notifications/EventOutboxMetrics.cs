using Nuage.Metadata;
using Nuage.Telemetry;

namespace Nuage.Storage.Notifications;

/// <summary>
/// The event outbox in /metrics (docs/metrics.md): how many events wait (counted at each scrape, one indexed count),
/// and the deliveries and failed attempts of <see cref="EventDispatcher"/> by destination kind. A depth that only grows
/// is a destination that does not answer.
/// </summary>
public sealed class EventOutboxMetrics : IMetricsSource
{
    private readonly Prometheus.Counter _delivered;
    private readonly Prometheus.Counter _failed;

    public EventOutboxMetrics(IMetadataStore metadata, NuageMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var depth = metrics.Gauge("nuage_event_outbox_messages", "Bucket events written and not yet delivered.");
        _delivered = metrics.Counter("nuage_events_delivered_total", "Bucket events delivered, by destination kind.", "kind");
        _failed = metrics.Counter("nuage_event_delivery_failures_total", "Failed attempts to deliver a bucket event (each is retried), by destination kind.", "kind");
        metrics.OnScrape(async cancellationToken => depth.Set(await metadata.CountOutboxEntriesAsync(cancellationToken).ConfigureAwait(false)));
    }

    public void Delivered(EventDestinationKind kind) => _delivered.WithLabels(Label(kind)).Inc();

    public void Failed(EventDestinationKind? kind) => _failed.WithLabels(kind is null ? "invalid" : Label(kind.Value)).Inc();

    private static string Label(EventDestinationKind kind) => kind == EventDestinationKind.Mqtt ? "mqtt" : "webhook";
}

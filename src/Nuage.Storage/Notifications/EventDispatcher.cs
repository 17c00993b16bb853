using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nuage.Metadata;

namespace Nuage.Storage.Notifications;

/// <summary>
/// Delivers the event outbox (schema 015): each due event to its destination, then removes it in a write of its
/// own; a failed delivery is tried again later, backing off from 1 second to 5 minutes, for as long as it takes (the
/// gauge nuage_event_outbox_messages shows what waits). At least once: a crash between a delivery and its removal
/// sends it again, which the sequencer lets a consumer see (docs/notifications.md). Also loads every bucket's configuration before the
/// server listens (<see cref="StartAsync"/>).
/// </summary>
public sealed partial class EventDispatcher(
    IMetadataStore metadata,
    BucketNotifications notifications,
    EventDispatcherSignal signal,
    IEnumerable<IEventPublisher> publishers,
    IHttpClientFactory httpClients,
    EventOutboxMetrics metrics,
    ILogger<EventDispatcher> logger) : BackgroundService
{
    /// <summary>The name of the HttpClient webhooks are posted with (10 s timeout, no cookies).</summary>
    public const string WebhookClient = "nuage-webhooks";

    private const int Batch = 100;
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan BusyPoll = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);
    private readonly IEventPublisher? _publisher = publishers.FirstOrDefault();

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await notifications.LoadAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // After a signal the events' transaction may not have committed yet: look again every BusyPoll for a while.
        int busyPolls = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            int delivered = 0;
            try
            {
                delivered = await DeliverDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPassFailed(logger, ex);
            }

            if (delivered == Batch)
            {
                continue;
            }

            busyPolls = delivered > 0 ? 40 : Math.Max(0, busyPolls - 1);
            try
            {
                if (await signal.WaitAsync(busyPolls > 0 ? BusyPoll : IdlePoll, stoppingToken).ConfigureAwait(false))
                {
                    busyPolls = 40;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass over what is due; returns how many events it took.</summary>
    private async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var due = await metadata.ListDueOutboxEntriesAsync(DateTimeOffset.UtcNow, Batch, cancellationToken).ConfigureAwait(false);
        foreach (var entry in due)
        {
            string? failure = await TryDeliverAsync(entry, cancellationToken).ConfigureAwait(false);
            var kind = EventDestination.Parse(entry.Destination, out _)?.Kind;
            if (failure is null)
            {
                await metadata.WriteAsync(tx => { tx.CompleteOutboxEntry(entry.Seq); return true; }, cancellationToken).ConfigureAwait(false);
                metrics.Delivered(kind!.Value);
                continue;
            }

            metrics.Failed(kind);

            int attempts = entry.Attempts + 1;
            var wait = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, Math.Min(attempts - 1, 20)), MaxBackoff.TotalSeconds));
            LogDeliveryFailed(logger, entry.Destination, attempts, failure, wait.TotalSeconds);
            await metadata.WriteAsync(tx => { tx.DeferOutboxEntry(entry.Seq, attempts, DateTimeOffset.UtcNow + wait); return true; }, cancellationToken)
                .ConfigureAwait(false);
        }

        return due.Count;
    }

    /// <summary>Null when delivered, else why not.</summary>
    private async Task<string?> TryDeliverAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        var destination = EventDestination.Parse(entry.Destination, out var problem);
        if (destination is null)
        {
            return problem;
        }

        var body = Encoding.UTF8.GetBytes(entry.Body);
        try
        {
            if (destination.Kind == EventDestinationKind.Mqtt)
            {
                if (_publisher is null)
                {
                    return "the IoT hub is not running";
                }

                await _publisher.PublishAsync(destination.Account, destination.Target, body, cancellationToken).ConfigureAwait(false);
                return null;
            }

            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await httpClients.CreateClient(WebhookClient).PostAsync(new Uri(destination.Target), content, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : "HTTP " + ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever a destination throws (refused connection, timeout, a broker stopping) is a failed attempt of this
            // event, retried with backoff; it never ends the pass for the events behind it.
            return ex.GetType().Name + ": " + ex.Message;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event delivery to {Destination} failed (attempt {Attempts}): {Failure}; next try in {Seconds} s")]
    private static partial void LogDeliveryFailed(ILogger logger, string destination, int attempts, string failure, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "An event delivery pass failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}

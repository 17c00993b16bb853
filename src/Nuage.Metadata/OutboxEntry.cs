namespace Nuage.Metadata;

/// <summary>
/// An event written in the transaction of the change it reports, waiting for delivery: where it goes
/// (<paramref name="Destination"/>, read by the dispatcher), what it says (<paramref name="Body"/>), and how many
/// deliveries have failed so far.
/// </summary>
public sealed record OutboxEntry(long Seq, string Destination, string Body, DateTimeOffset CreatedAt, int Attempts, DateTimeOffset NextAttemptAt);

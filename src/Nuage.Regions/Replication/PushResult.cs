namespace Nuage.Regions.Replication;

/// <summary>How one push ended: delivered (or there already), nothing to send, worth trying again, or refused for good.</summary>
internal enum PushOutcome
{
    Delivered,

    /// <summary>Nothing left to send: the version (or its bucket) was removed since its commit.</summary>
    Gone,
    Retry,
    Refused,
}

/// <summary>A push's outcome, with why when it did not deliver.</summary>
internal readonly record struct PushResult(PushOutcome Outcome, string? Error = null)
{
    public static readonly PushResult Delivered = new(PushOutcome.Delivered);

    public static readonly PushResult Gone = new(PushOutcome.Gone);

    public static PushResult Retry(string error) => new(PushOutcome.Retry, error);

    public static PushResult Refused(string error) => new(PushOutcome.Refused, error);
}

namespace Nuage.Metadata;

/// <summary>A batch the flusher claimed (its rows carry <paramref name="BatchId"/>, the seq of its first row) and has not yet removed.</summary>
public sealed record IotSpoolBatch(long BatchId, string AccountId, string RuleName);

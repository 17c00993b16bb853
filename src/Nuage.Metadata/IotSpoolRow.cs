namespace Nuage.Metadata;

/// <summary>A message spooled for a bucket rule (schema 017): <paramref name="Line"/> is its JSON line in the batch object.</summary>
public sealed record IotSpoolRow(long Seq, string AccountId, string RuleName, DateTimeOffset ReceivedAt, string Line);

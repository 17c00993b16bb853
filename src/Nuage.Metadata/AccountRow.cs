namespace Nuage.Metadata;

/// <summary>An account (a customer): a 12-digit id, a unique name, and its settings as the IAM service's JSON.</summary>
public sealed record AccountRow(string Id, string Name, DateTimeOffset CreatedAt, string Settings);

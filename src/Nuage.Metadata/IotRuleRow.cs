namespace Nuage.Metadata;

/// <summary>An IoT rule of an account (schema 017): its definition is the IoT service's JSON, opaque to the store.</summary>
public sealed record IotRuleRow(string AccountId, string Name, string Definition, DateTimeOffset CreatedAt);

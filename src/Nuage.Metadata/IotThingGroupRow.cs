namespace Nuage.Metadata;

/// <summary>A thing group of the IoT registry.</summary>
public sealed record IotThingGroupRow(string AccountId, string Name, string Description, DateTimeOffset CreatedAt);

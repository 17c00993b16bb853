namespace Nuage.Metadata;

/// <summary>
/// A thing of the IoT registry: <paramref name="Attributes"/> is a JSON object of string values, opaque to the store;
/// <paramref name="Version"/> grows by one on every update (AWS IoT UpdateThing's expectedVersion).
/// </summary>
public sealed record IotThingRow(string AccountId, string Name, string? ThingType, string Attributes, long Version, DateTimeOffset CreatedAt);

namespace Nuage.Iot.Registry;

/// <summary>A thing as the registry describes it (AWS IoT DescribeThing), with the groups it belongs to.</summary>
public sealed record Thing(
    string AccountId, string Name, string Arn, string? ThingType, IReadOnlyDictionary<string, string> Attributes, long Version,
    DateTimeOffset CreatedAt, IReadOnlyList<string> Groups);

namespace Nuage.Iot.Registry;

/// <summary>A thing group with its member things.</summary>
public sealed record ThingGroup(string AccountId, string Name, string Arn, string Description, DateTimeOffset CreatedAt, IReadOnlyList<string> Things);

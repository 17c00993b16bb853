namespace Nuage.Iot.Registry;

/// <summary>An IoT policy with the things and thing groups it is attached to.</summary>
public sealed record IotPolicy(
    string AccountId, string Name, string Arn, string Document, DateTimeOffset CreatedAt,
    IReadOnlyList<(PolicyTargetKind Kind, string Name)> Targets);

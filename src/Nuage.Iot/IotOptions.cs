namespace Nuage.Iot;

/// <summary>What the IoT hub's services are told by the Host. Immutable.</summary>
public sealed record IotOptions
{
    /// <summary>This region's name: the REGION part of the iot ARNs that policies name (arn:aws:iot:REGION:...).</summary>
    public required string Region { get; init; }
}

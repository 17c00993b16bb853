namespace Nuage.Iot.Registry;

/// <summary>
/// What an IoT policy is attached to, as the IoT service's callers name it (AWS IoT AttachPolicy's target: a thing
/// or a thing group). The stored form is the metadata contract's own enum, so front doors need not see the contract.
/// </summary>
public enum PolicyTargetKind
{
    Thing,
    ThingGroup,
}

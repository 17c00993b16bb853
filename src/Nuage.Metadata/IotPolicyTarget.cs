namespace Nuage.Metadata;

/// <summary>What an IoT policy is attached to; the values are stored.</summary>
public enum IotPolicyTarget
{
    Thing = 0,
    ThingGroup = 1,
}

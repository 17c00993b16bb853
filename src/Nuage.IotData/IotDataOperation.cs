namespace Nuage.IotData;

/// <summary>The operations of the Device Shadow REST API ("Device Shadow REST API"; AWS IoT Data Plane API reference).</summary>
internal enum IotDataOperation
{
    GetThingShadow,
    UpdateThingShadow,
    DeleteThingShadow,
    ListNamedShadowsForThing,
}

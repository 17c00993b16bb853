namespace Nuage.Iot.Shadows;

/// <summary>The three requests of the Device Shadow service ("Interacting with shadows": UPDATE, GET, DELETE).</summary>
public enum ShadowOperation
{
    Get,
    Update,
    Delete,
}

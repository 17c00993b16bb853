namespace Nuage.Metadata;

/// <summary>
/// One device shadow (schema 013). <paramref name="ShadowName"/> is empty for the classic shadow;
/// <paramref name="Document"/> is the IoT service's JSON, or null for a deleted shadow whose version is kept so a
/// shadow created again under the same name continues its numbering (AWS "Device Shadow service documents").
/// </summary>
public sealed record ShadowRow(string AccountId, string ThingName, string ShadowName, long Version, string? Document);

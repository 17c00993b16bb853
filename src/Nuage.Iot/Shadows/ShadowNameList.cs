namespace Nuage.Iot.Shadows;

/// <summary>A page of ListNamedShadowsForThing: names in byte order and the token of the next page, if any.</summary>
public sealed record ShadowNameList(IReadOnlyList<string> Names, string? NextToken, long Timestamp);

namespace Nuage.Iot.Registry;

/// <summary>
/// AWS IoT UpdateThing's inputs: a new thing type or its removal, attributes merged (an empty value removes that
/// attribute) or replacing the old ones, and the version the caller expects the thing to be at.
/// </summary>
public sealed record ThingUpdate(
    string? ThingType = null, bool RemoveThingType = false, IReadOnlyDictionary<string, string>? Attributes = null, bool Merge = false,
    long? ExpectedVersion = null);

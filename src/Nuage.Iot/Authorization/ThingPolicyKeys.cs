namespace Nuage.Iot.Authorization;

/// <summary>
/// AWS IoT's thing policy variables beyond the thing name ("Thing policy variables", AWS IoT Core developer guide):
/// the thing's type, each of its attributes, and whether the connection's credential is attached to the thing. A
/// device here always connects with a credential of its own thing, so IsAttached is "true" for every device. Usable in
/// a Resource (<c>topic/${iot:Connection.Thing.Attributes[site]}/*</c>) and in conditions
/// (<c>"StringEquals": {"iot:Connection.Thing.ThingTypeName": "lamp"}</c>).
/// </summary>
public static class ThingPolicyKeys
{
    public const string ThingTypeName = "iot:Connection.Thing.ThingTypeName";

    public const string IsAttached = "iot:Connection.Thing.IsAttached";

    public static string Attribute(string name) => "iot:Connection.Thing.Attributes[" + name + "]";

    /// <summary>The keys of a thing with <paramref name="thingType"/> (or none) and <paramref name="attributes"/>.</summary>
    public static IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Of(string? thingType, IReadOnlyDictionary<string, string> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var keys = new List<KeyValuePair<string, IReadOnlyList<string>>> { new(IsAttached, ["true"]) };
        if (thingType is not null)
        {
            keys.Add(new(ThingTypeName, [thingType]));
        }

        foreach (var (name, value) in attributes)
        {
            keys.Add(new(Attribute(name), [value]));
        }

        return keys;
    }
}

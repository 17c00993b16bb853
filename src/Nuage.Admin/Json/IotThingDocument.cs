using Nuage.Iot.Registry;

namespace Nuage.Admin.Json;

/// <summary>A thing as the admin API shows it (AWS IoT DescribeThing's fields, camelCase).</summary>
public sealed record IotThingDocument(
    string ThingName, string ThingArn, string? ThingTypeName, IReadOnlyDictionary<string, string> Attributes, long Version,
    DateTimeOffset CreatedAt, IReadOnlyList<string> ThingGroups)
{
    public static IotThingDocument From(Thing thing) =>
        new(thing.Name, thing.Arn, thing.ThingType, thing.Attributes, thing.Version, thing.CreatedAt, thing.Groups);
}

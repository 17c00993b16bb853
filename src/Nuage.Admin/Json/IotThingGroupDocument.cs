using Nuage.Iot.Registry;

namespace Nuage.Admin.Json;

/// <summary>A thing group with its member things.</summary>
public sealed record IotThingGroupDocument(string ThingGroupName, string ThingGroupArn, string Description, DateTimeOffset CreatedAt, IReadOnlyList<string> Things)
{
    public static IotThingGroupDocument From(ThingGroup group) => new(group.Name, group.Arn, group.Description, group.CreatedAt, group.Things);
}

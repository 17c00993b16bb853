using Nuage.Iot.Registry;

namespace Nuage.Admin.Json;

/// <summary>An IoT policy with its document and the things and thing groups it is attached to.</summary>
public sealed record IotPolicyDocument(
    string PolicyName, string PolicyArn, string PolicyDocument, DateTimeOffset CreatedAt, IReadOnlyList<string> Things, IReadOnlyList<string> ThingGroups)
{
    public static IotPolicyDocument From(IotPolicy policy) =>
        new(policy.Name, policy.Arn, policy.Document, policy.CreatedAt,
            [.. policy.Targets.Where(t => t.Kind == PolicyTargetKind.Thing).Select(t => t.Name)],
            [.. policy.Targets.Where(t => t.Kind == PolicyTargetKind.ThingGroup).Select(t => t.Name)]);
}

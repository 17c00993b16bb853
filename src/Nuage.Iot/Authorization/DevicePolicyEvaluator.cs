using Nuage.Iam.Policies;
using Nuage.Iot.Identity;

namespace Nuage.Iot.Authorization;

/// <summary>
/// A device's decision: its built-in rights (<see cref="DeviceRights"/>) and the IoT policies attached to its thing
/// and its groups, read by the IAM policy engine that decides applications' requests (PolicyEvaluator). An explicit
/// Deny in an attached policy wins over everything, the built-in rights included, as IAM's "explicit deny wins".
/// </summary>
/// <remarks>
/// The request carries AWS IoT's thing policy variables: iot:Connection.Thing.ThingName and iot:ClientId ("Thing
/// policy variables"; the client id is the thing name for a device, so they are equal), so a policy written for a
/// fleet can say topic/things/${iot:Connection.Thing.ThingName}/... ; and the thing's type, attributes and
/// IsAttached (<see cref="ThingPolicyKeys"/>). Global keys aws:SourceIp and
/// aws:SecureTransport are there for conditions, as for applications.
/// </remarks>
public static class DevicePolicyEvaluator
{
    public const string ThingNameKey = "iot:Connection.Thing.ThingName";

    public const string ClientIdKey = ConnectionFacts.ClientIdKey;

    /// <param name="builtIn">Whether <see cref="DeviceRights"/> allow the action already.</param>
    /// <param name="thingKeys">The thing's type, attributes and IsAttached (<see cref="ThingPolicyKeys"/>).</param>
    public static bool Decide(
        DeviceIdentity device, string thingArn, IReadOnlyList<PolicyDocument> policies, string action, string resource, bool builtIn,
        ConnectionFacts facts, DateTimeOffset now, IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>>? thingKeys = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(facts);
        if (policies.Count == 0)
        {
            return builtIn;
        }

        var context = new List<KeyValuePair<string, IReadOnlyList<string>>>
        {
            new(ThingNameKey, [device.ThingName]),
            new(ClientIdKey, [device.ThingName]),
            new("aws:SecureTransport", [facts.SecureTransport ? "true" : "false"]),
        };
        if (thingKeys is not null)
        {
            context.AddRange(thingKeys);
        }

        if (facts.SourceIp is { } ip)
        {
            context.Add(new("aws:SourceIp", [(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString()]));
        }

        // The thing is the principal: its ARN is what a policy's aws:PrincipalArn would read; it has no user name.
        var principal = new PolicyPrincipal(PolicyPrincipalKind.User, device.AccountId, thingArn, UserName: null, UserId: device.ThingName);
        var request = new PolicyRequest(action, resource, principal, context, now);
        var allowed = builtIn;
        foreach (var policy in policies)
        {
            switch (PolicyEvaluator.Evaluate(policy, request))
            {
                case PolicyDecision.ExplicitDeny:
                    return false;
                case PolicyDecision.Allow:
                    allowed = true;
                    break;
            }
        }

        return allowed;
    }
}

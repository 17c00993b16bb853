using Nuage.Iam.Authorization;
using Nuage.Iam.Policies;
using Nuage.Iot.Identity;
using Nuage.Iot.Registry;
using Nuage.Iot.Topics;

namespace Nuage.Iot.Authorization;

/// <summary>
/// Decides CONNECT, PUBLISH, SUBSCRIBE and each delivery with the identity service's authorizer, the one that
/// decides S3 and IAM requests (DESIGN.md "Accounts and identities"). Every resource belongs to the client's own
/// account: an account root may do everything there, an IAM user what its policies grant. A decision on a resource
/// of another account is refused here before any policy is read, so no policy can open one account's topics to
/// another (docs/iot.md "Isolation").
/// </summary>
public sealed class IotAuthorizationService(
    IAccessAuthorizer authorizer, IotAuthenticationService authentication, IotRegistry registry, IotOptions options, TimeProvider time)
{
    public ValueTask<bool> MayConnectAsync(IotIdentity identity, string clientId, ConnectionFacts facts, CancellationToken cancellationToken) =>
        DecideAsync(identity, IotActions.Connect, IotArns.Client(options.Region, identity.AccountId, clientId), clientId, facts, cancellationToken);

    public async ValueTask<bool> MayPublishAsync(IotIdentity identity, string topic, bool retain, ConnectionFacts facts, CancellationToken cancellationToken)
    {
        var resource = IotArns.Topic(options.Region, identity.AccountId, topic);
        if (!await DecideAsync(identity, IotActions.Publish, resource, topic, facts, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        // AWS IoT Core asks for iot:RetainPublish as well when the retain flag is set ("AWS IoT Core policy actions").
        return !retain || await DecideAsync(identity, IotActions.RetainPublish, resource, topic, facts, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<bool> MaySubscribeAsync(IotIdentity identity, string filter, ConnectionFacts facts, CancellationToken cancellationToken) =>
        DecideAsync(identity, IotActions.Subscribe, IotArns.TopicFilter(options.Region, identity.AccountId, filter), filter, facts, cancellationToken);

    /// <summary>
    /// iot:Subscribe for a shared subscription: AWS IoT Core's resource is the whole filter,
    /// <c>topicfilter/$share/NAME/FILTER</c> ("Shared Subscriptions"), while a device's own-topic right is judged on
    /// the filter after the share name, which is what can match its topics.
    /// </summary>
    public ValueTask<bool> MaySubscribeSharedAsync(IotIdentity identity, SharedFilter shared, ConnectionFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shared);
        return DecideAsync(identity, IotActions.Subscribe, IotArns.TopicFilter(options.Region, identity.AccountId, shared.ToString()), shared.Filter, facts, cancellationToken);
    }

    /// <summary>
    /// iot:Receive for one delivery. <paramref name="topicAccountId"/> is the account whose namespace the message is
    /// in: a message of another account is never delivered, whatever any policy says.
    /// </summary>
    public ValueTask<bool> MayReceiveAsync(IotIdentity identity, string topicAccountId, string topic, ConnectionFacts facts, CancellationToken cancellationToken) =>
        topicAccountId != identity.AccountId
            ? ValueTask.FromResult(false)
            : DecideAsync(identity, IotActions.Receive, IotArns.Topic(options.Region, identity.AccountId, topic), topic, facts, cancellationToken);

    /// <param name="subject">What the resource names, as the client sent it: the client id, topic or filter.</param>
    private async ValueTask<bool> DecideAsync(IotIdentity identity, string action, string resource, string subject, ConnectionFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (!await authentication.IsStillValidAsync(identity, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        if (identity is DeviceIdentity device)
        {
            return await DecideForDeviceAsync(device, action, resource, subject, facts, cancellationToken).ConfigureAwait(false);
        }

        if (identity is not ApplicationIdentity application)
        {
            return false;
        }

        var query = new AccessQuery(
            application.Principal, action, resource, facts.SourceIp, facts.SecureTransport, time.GetUtcNow(),
            ServiceKeys: facts.PolicyKeys, ResourceOwnerAccountId: identity.AccountId);
        return await authorizer.DecideAsync(query, cancellationToken).ConfigureAwait(false) == AccessDecision.Allow;
    }

    /// <summary>
    /// A device (docs/iot-devices.md "Rights"): CONNECT only with its thing name as client id, whatever a policy says
    /// (the thing name is how the broker knows which device a session is); everything else its own topics or what
    /// its IoT policies grant, an explicit Deny of theirs winning.
    /// </summary>
    private async ValueTask<bool> DecideForDeviceAsync(
        DeviceIdentity device, string action, string resource, string subject, ConnectionFacts facts, CancellationToken cancellationToken)
    {
        bool builtIn;
        switch (action)
        {
            case IotActions.Connect:
                if (!DeviceRights.MayConnectAs(device.ThingName, subject))
                {
                    return false;
                }

                builtIn = true;
                break;
            case IotActions.Subscribe:
                builtIn = DeviceRights.IsOwnFilter(device.ThingName, subject);
                break;
            default:
                builtIn = DeviceRights.IsOwnTopic(device.ThingName, subject);
                break;
        }

        var policies = await registry.PoliciesOfAsync(device.AccountId, device.ThingName, cancellationToken).ConfigureAwait(false);
        if (policies.Count == 0)
        {
            return builtIn;
        }

        var thingKeys = await registry.ThingPolicyKeysOfAsync(device.AccountId, device.ThingName, cancellationToken).ConfigureAwait(false);
        return DevicePolicyEvaluator.Decide(
            device, registry.ThingArn(device.AccountId, device.ThingName), policies, action, resource, builtIn, facts, time.GetUtcNow(), thingKeys);
    }
}

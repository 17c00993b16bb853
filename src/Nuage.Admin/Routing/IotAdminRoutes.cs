using Nuage.Admin.Handlers;
using Nuage.Iot.Registry;

namespace Nuage.Admin.Routing;

/// <summary>
/// The IoT registry's endpoints (docs/admin-api.md "IoT devices"), under /api/iot/accounts/{account}/: kept apart
/// from <see cref="AdminRoutes"/> so the IoT slice merges without touching the IAM table. Each route's resource is
/// the AWS IoT ARN of what it acts on (thing/NAME, thinggroup/NAME, policy/NAME; .../* for list and create, and the
/// thing's for its credentials), owned by the account: the account's root manages them, its users need a policy
/// allowing admin:CreateThing and the others, and another account's root is refused.
/// </summary>
public static class IotAdminRoutes
{
    public static IReadOnlyList<AdminRoute> Create(
        IotRegistry registry, IotThingHandler things, IotCredentialHandler credentials, IotThingGroupHandler groups, IotPolicyHandler policies,
        IotRuleHandler rules)
    {
        ArgumentNullException.ThrowIfNull(registry);
        const string Account = "iot/accounts/{account}";
        const string Thing = Account + "/things/{thing}";
        const string Group = Account + "/thing-groups/{group}";
        const string Policy = Account + "/policies/{policy}";
        return
        [
            new("GET", Account + "/things", "ListThings", ThingArn(null), things.ListAsync),
            new("POST", Account + "/things", "CreateThing", ThingArn(null), things.CreateAsync),
            new("GET", Thing, "DescribeThing", ThingArn("thing"), things.GetAsync),
            new("PATCH", Thing, "UpdateThing", ThingArn("thing"), things.UpdateAsync),
            new("DELETE", Thing, "DeleteThing", ThingArn("thing"), things.DeleteAsync),

            new("GET", Thing + "/credentials", "ListThingCredentials", ThingArn("thing"), credentials.ListAsync),
            new("POST", Thing + "/credentials", "CreateThingCredential", ThingArn("thing"), credentials.CreateAsync),
            new("POST", Account + "/credentials/{credential}/disable", "DisableThingCredential", CredentialArn, credentials.DisableAsync),
            new("POST", Account + "/credentials/{credential}/enable", "EnableThingCredential", CredentialArn, credentials.EnableAsync),
            new("POST", Account + "/credentials/{credential}/rotate", "RotateThingCredential", CredentialArn, credentials.RotateAsync),
            new("DELETE", Account + "/credentials/{credential}", "DeleteThingCredential", CredentialArn, credentials.DeleteAsync),
            new("GET", Thing + "/certificates", "ListThingCertificates", ThingArn("thing"), credentials.ListCertificatesAsync),
            new("POST", Thing + "/certificates", "RegisterThingCertificate", ThingArn("thing"), credentials.RegisterCertificateAsync),

            new("GET", Account + "/thing-groups", "ListThingGroups", GroupArn(null), groups.ListAsync),
            new("POST", Account + "/thing-groups", "CreateThingGroup", GroupArn(null), groups.CreateAsync),
            new("GET", Group, "DescribeThingGroup", GroupArn("group"), groups.GetAsync),
            new("DELETE", Group, "DeleteThingGroup", GroupArn("group"), groups.DeleteAsync),
            new("PUT", Group + "/things/{thing}", "AddThingToThingGroup", GroupArn("group"), groups.AddThingAsync),
            new("DELETE", Group + "/things/{thing}", "RemoveThingFromThingGroup", GroupArn("group"), groups.RemoveThingAsync),

            new("GET", Account + "/policies", "ListIotPolicies", PolicyArn(null), policies.ListAsync),
            new("POST", Account + "/policies", "CreateIotPolicy", PolicyArn(null), policies.CreateAsync),
            new("GET", Policy, "GetIotPolicy", PolicyArn("policy"), policies.GetAsync),
            new("DELETE", Policy, "DeleteIotPolicy", PolicyArn("policy"), policies.DeleteAsync),
            new("PUT", Policy + "/things/{thing}", "AttachIotPolicyToThing", PolicyArn("policy"), c => policies.AttachAsync(c, PolicyTargetKind.Thing, "thing")),
            new("DELETE", Policy + "/things/{thing}", "DetachIotPolicyFromThing", PolicyArn("policy"), c => policies.DetachAsync(c, PolicyTargetKind.Thing, "thing")),
            new("PUT", Policy + "/thing-groups/{group}", "AttachIotPolicyToThingGroup", PolicyArn("policy"), c => policies.AttachAsync(c, PolicyTargetKind.ThingGroup, "group")),
            new("DELETE", Policy + "/thing-groups/{group}", "DetachIotPolicyFromThingGroup", PolicyArn("policy"), c => policies.DetachAsync(c, PolicyTargetKind.ThingGroup, "group")),

            // IoT rules (docs/iot-rules.md), named after AWS IoT's actions on rule/NAME ARNs.
            new("GET", Account + "/rules", "ListTopicRules", RuleArn(null), rules.ListAsync),
            new("POST", Account + "/rules", "CreateTopicRule", RuleArn(null), rules.CreateAsync),
            new("GET", Account + "/rules/{rule}", "GetTopicRule", RuleArn("rule"), rules.GetAsync),
            new("DELETE", Account + "/rules/{rule}", "DeleteTopicRule", RuleArn("rule"), rules.DeleteAsync),
        ];

        Func<AdminScope, AdminResource> RuleArn(string? valueName) =>
            scope => new(rules.Arn(scope.AccountId, valueName is null ? "*" : scope[valueName]), scope.AccountId);

        Func<AdminScope, AdminResource> ThingArn(string? valueName) =>
            scope => new(registry.ThingArn(scope.AccountId, valueName is null ? "*" : scope[valueName]), scope.AccountId);

        Func<AdminScope, AdminResource> GroupArn(string? valueName) =>
            scope => new(registry.GroupArn(scope.AccountId, valueName is null ? "*" : scope[valueName]), scope.AccountId);

        Func<AdminScope, AdminResource> PolicyArn(string? valueName) =>
            scope => new(registry.PolicyArn(scope.AccountId, valueName is null ? "*" : scope[valueName]), scope.AccountId);

        AdminResource CredentialArn(AdminScope scope) => new(registry.CredentialArn(scope.AccountId, scope["credential"]), scope.AccountId);
    }
}

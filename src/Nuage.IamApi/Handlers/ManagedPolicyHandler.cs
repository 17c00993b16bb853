using Nuage.Iam.Identities;
using Nuage.Iam.Management;
using Nuage.IamApi.Protocol;
using Nuage.IamApi.Xml;

namespace Nuage.IamApi.Handlers;

/// <summary>
/// Customer managed policies and their versions: CreatePolicy, GetPolicy, DeletePolicy, ListPolicies,
/// CreatePolicyVersion, GetPolicyVersion, ListPolicyVersions, DeletePolicyVersion, SetDefaultPolicyVersion.
/// Nuage has no AWS managed policies: ListPolicies with Scope=AWS is empty, Local and All list the account's own.
/// </summary>
public sealed class ManagedPolicyHandler(ManagedPolicyService policies)
{
    public void Register(IDictionary<string, IamAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        actions["CreatePolicy"] = CreateAsync;
        actions["GetPolicy"] = GetAsync;
        actions["DeletePolicy"] = DeleteAsync;
        actions["ListPolicies"] = ListAsync;
        actions["CreatePolicyVersion"] = CreateVersionAsync;
        actions["GetPolicyVersion"] = GetVersionAsync;
        actions["ListPolicyVersions"] = ListVersionsAsync;
        actions["DeletePolicyVersion"] = DeleteVersionAsync;
        actions["SetDefaultPolicyVersion"] = SetDefaultVersionAsync;
    }

    private async Task<ResultWriter?> CreateAsync(IamCall call)
    {
        var (name, document) = (call.Request.Require("PolicyName"), call.Request.Require("PolicyDocument"));
        var path = call.Request.Get("Path");
        await call.AuthorizeAsync(IamArns.Of(call.AccountId, "policy", path ?? "/", name));
        var policy = await policies.CreateAsync(call.AccountId, name, path, document, call.Request.Get("Description"), call.Cancellation);
        return xml => WritePolicy(xml, policy, 0, 0);
    }

    private async Task<ResultWriter?> GetAsync(IamCall call)
    {
        var arn = await AuthorizePolicyAsync(call);
        var policy = policies.Get(call.AccountId, arn);
        var (attachments, boundaries) = (policies.AttachmentCount(policy), policies.BoundaryUsageCount(policy));
        return xml => WritePolicy(xml, policy, attachments, boundaries);
    }

    private async Task<ResultWriter?> DeleteAsync(IamCall call)
    {
        var arn = await AuthorizePolicyAsync(call);
        await policies.DeleteAsync(call.AccountId, arn, call.Cancellation);
        return null;
    }

    private async Task<ResultWriter?> ListAsync(IamCall call)
    {
        var prefix = call.Request.Get("PathPrefix");
        await call.AuthorizeAsync(IamArns.Of(call.AccountId, "policy", prefix ?? "/", "*"));
        var scope = call.Request.Get("Scope") ?? "All";
        if (scope is not ("All" or "AWS" or "Local"))
        {
            throw new Iam.IamException(Iam.IamErrorCode.ValidationError, $"1 validation error detected: Value '{scope}' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]");
        }

        var own = scope == "AWS" ? [] : policies.List(call.AccountId, prefix, call.Request.GetBool("OnlyAttached", false));
        var page = Pages.Of(own, p => p.Name, call.Request);
        var counts = page.Items.Select(p => (Attachments: policies.AttachmentCount(p), Boundaries: policies.BoundaryUsageCount(p))).ToList();
        return xml =>
        {
            xml.Members("Policies", page.Items.Select((p, i) => (p, i)), (x, item) => IamXml.Policy(x, item.p, counts[item.i].Attachments, counts[item.i].Boundaries));
            page.Write(xml);
        };
    }

    private async Task<ResultWriter?> CreateVersionAsync(IamCall call)
    {
        var document = call.Request.Require("PolicyDocument");
        var arn = await AuthorizePolicyAsync(call);
        var version = await policies.CreateVersionAsync(call.AccountId, arn, document, call.Request.GetBool("SetAsDefault", false), call.Cancellation);
        var policy = policies.Get(call.AccountId, arn);
        return xml => WriteVersion(xml, policy, version, withDocument: false);
    }

    private async Task<ResultWriter?> GetVersionAsync(IamCall call)
    {
        var versionId = call.Request.Require("VersionId");
        var arn = await AuthorizePolicyAsync(call);
        var version = policies.GetVersion(call.AccountId, arn, versionId);
        var policy = policies.Get(call.AccountId, arn);
        return xml => WriteVersion(xml, policy, version, withDocument: true);
    }

    private async Task<ResultWriter?> ListVersionsAsync(IamCall call)
    {
        var arn = await AuthorizePolicyAsync(call);
        var policy = policies.Get(call.AccountId, arn);
        var page = Pages.Of(policy.Versions, v => v.VersionId, call.Request);
        return xml =>
        {
            xml.Members("Versions", page.Items, (x, v) => IamXml.PolicyVersion(x, policy, v, withDocument: false));
            page.Write(xml);
        };
    }

    private async Task<ResultWriter?> DeleteVersionAsync(IamCall call)
    {
        var versionId = call.Request.Require("VersionId");
        var arn = await AuthorizePolicyAsync(call);
        await policies.DeleteVersionAsync(call.AccountId, arn, versionId, call.Cancellation);
        return null;
    }

    private async Task<ResultWriter?> SetDefaultVersionAsync(IamCall call)
    {
        var versionId = call.Request.Require("VersionId");
        var arn = await AuthorizePolicyAsync(call);
        await policies.SetDefaultVersionAsync(call.AccountId, arn, versionId, call.Cancellation);
        return null;
    }

    private static async Task<string> AuthorizePolicyAsync(IamCall call)
    {
        var arn = call.Request.Require("PolicyArn");
        await call.AuthorizeAsync(arn);
        return arn;
    }

    private static void WritePolicy(QueryXml xml, ManagedPolicy policy, int attachments, int boundaries)
    {
        xml.Start("Policy");
        IamXml.Policy(xml, policy, attachments, boundaries);
        xml.End();
    }

    private static void WriteVersion(QueryXml xml, ManagedPolicy policy, PolicyVersion version, bool withDocument)
    {
        xml.Start("PolicyVersion");
        IamXml.PolicyVersion(xml, policy, version, withDocument);
        xml.End();
    }
}

using System.Collections.Frozen;

namespace Nuage.IamApi.Handlers;

/// <summary>Action name → handler, one table per API (IAM's and STS's actions never mix: the signed scope picks the table).</summary>
public sealed class IamActionTable
{
    public IamActionTable(
        UserHandler users, AccessKeyHandler keys, GroupHandler groups, InlinePolicyHandler inline, ManagedPolicyHandler managed,
        PolicyAttachmentHandler attachments, RoleHandler roles, TagHandler tags, PermissionsBoundaryHandler boundaries, StsHandler sts)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(inline);
        ArgumentNullException.ThrowIfNull(managed);
        ArgumentNullException.ThrowIfNull(attachments);
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(boundaries);
        ArgumentNullException.ThrowIfNull(sts);
        var iam = new Dictionary<string, IamAction>(StringComparer.Ordinal);
        users.Register(iam);
        keys.Register(iam);
        groups.Register(iam);
        inline.Register(iam);
        managed.Register(iam);
        attachments.Register(iam);
        roles.Register(iam);
        tags.Register(iam);
        boundaries.Register(iam);
        Iam = iam.ToFrozenDictionary(StringComparer.Ordinal);
        var stsActions = new Dictionary<string, IamAction>(StringComparer.Ordinal);
        sts.Register(stsActions);
        Sts = stsActions.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public FrozenDictionary<string, IamAction> Iam { get; }

    public FrozenDictionary<string, IamAction> Sts { get; }
}

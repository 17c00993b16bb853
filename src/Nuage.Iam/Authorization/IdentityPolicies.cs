using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Nuage.Iam.Identities;
using Nuage.Iam.Policies;

namespace Nuage.Iam.Authorization;

/// <summary>
/// The parsed identity policies of a principal: a user's inline and attached policies and those of its groups; a
/// role session's role policies; and the permissions boundary of the user or role, if it has one. Gathered and
/// parsed once per principal per directory snapshot, so a request pays a dictionary look-up, and a committed change
/// (a new snapshot) is seen by the next request.
/// </summary>
internal sealed class IdentityPolicies
{
    private readonly ConditionalWeakTable<IdentityDirectory, ConcurrentDictionary<string, Gathered>> _bySnapshot = [];
    private readonly ConcurrentDictionary<(PolicyKind, string), PolicyDocument> _parsed = new();

    public IReadOnlyList<PolicyDocument> For(IdentityDirectory directory, Principal principal) => Get(directory, principal).Identity;

    /// <summary>The permissions boundary of the user or of the session's role; null when it has none.</summary>
    public PolicyDocument? BoundaryOf(IdentityDirectory directory, Principal principal) => Get(directory, principal).Boundary;

    private Gathered Get(IdentityDirectory directory, Principal principal)
    {
        var cache = _bySnapshot.GetValue(directory, static _ => new ConcurrentDictionary<string, Gathered>(StringComparer.Ordinal));
        return cache.GetOrAdd(
            principal.Arn,
            static (_, state) => new Gathered(
                PolicyDocument.MergeForEvaluation(state.Self.Gather(state.Directory, state.Principal)),
                state.Self.Boundary(state.Directory, state.Principal)),
            (Self: this, Directory: directory, Principal: principal));
    }

    // The boundary's policy is read from the same snapshot; one deleted meanwhile cannot be (DeletePolicy refuses a
    // policy in use as a boundary), and a missing one would leave the entity with nothing allowed.
    private PolicyDocument? Boundary(IdentityDirectory directory, Principal principal)
    {
        var arn = principal.Kind switch
        {
            PrincipalKind.User when principal.UserName is { } name => directory.FindUser(principal.AccountId, name)?.PermissionsBoundary,
            PrincipalKind.AssumedRole when principal.Session is { } session => directory.FindRole(principal.AccountId, session.RoleName)?.PermissionsBoundary,
            _ => null,
        };
        if (arn is null)
        {
            return null;
        }

        return directory.FindPolicy(principal.AccountId, arn) is { } policy
            ? Parse(policy.DefaultVersion.Document, PolicyKind.Identity)
            : AllowsNothing;
    }

    private static readonly PolicyDocument AllowsNothing = PolicyDocument.Parse(
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"*","Resource":"*"}]}""", PolicyKind.Identity);

    private sealed record Gathered(IReadOnlyList<PolicyDocument> Identity, PolicyDocument? Boundary);

    /// <summary>A stored policy text, parsed once (it was validated when stored).</summary>
    private PolicyDocument Parse(string json, PolicyKind kind) =>
        _parsed.GetOrAdd((kind, json), static key => PolicyDocument.Parse(key.Item2, key.Item1));

    private List<PolicyDocument> Gather(IdentityDirectory directory, Principal principal)
    {
        var documents = new List<PolicyDocument>();
        switch (principal.Kind)
        {
            case PrincipalKind.User when principal.UserName is { } name && directory.FindUser(principal.AccountId, name) is { } user:
                Add(documents, directory, user.AccountId, user.InlinePolicies.Values, user.AttachedPolicies);
                foreach (var groupName in user.Groups)
                {
                    if (directory.FindGroup(user.AccountId, groupName) is { } group)
                    {
                        Add(documents, directory, group.AccountId, group.InlinePolicies.Values, group.AttachedPolicies);
                    }
                }

                break;
            case PrincipalKind.AssumedRole when principal.Session is { } session && directory.FindRole(principal.AccountId, session.RoleName) is { } role:
                Add(documents, directory, role.AccountId, role.InlinePolicies.Values, role.AttachedPolicies);
                break;
        }

        return documents;
    }

    private void Add(List<PolicyDocument> documents, IdentityDirectory directory, string accountId, IEnumerable<string> inline, IEnumerable<string> attached)
    {
        foreach (var text in inline)
        {
            documents.Add(Parse(text, PolicyKind.Identity));
        }

        foreach (var arn in attached)
        {
            if (directory.FindPolicy(accountId, arn) is { } policy)
            {
                documents.Add(Parse(policy.DefaultVersion.Document, PolicyKind.Identity));
            }
        }
    }
}

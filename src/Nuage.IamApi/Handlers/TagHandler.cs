using Nuage.Iam.Identities;
using Nuage.Iam.Management;
using Nuage.IamApi.Protocol;
using Nuage.IamApi.Xml;

namespace Nuage.IamApi.Handlers;

/// <summary>TagUser, UntagUser, ListUserTags, TagRole, UntagRole, ListRoleTags ("IAM API Reference", Actions).</summary>
public sealed class TagHandler(TagService tags, IdentityRegistry registry)
{
    public void Register(IDictionary<string, IamAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        foreach (var kind in new[] { PolicyHolderKind.User, PolicyHolderKind.Role })
        {
            var word = kind.ToString();
            actions["Tag" + word] = call => TagAsync(call, kind);
            actions["Untag" + word] = call => UntagAsync(call, kind);
            actions["List" + word + "Tags"] = call => ListAsync(call, kind);
        }
    }

    /// <summary>Tags.member.N.Key / .Value of a request (TagUser, CreateUser, ...).</summary>
    internal static IReadOnlyList<IamTag> Read(QueryRequest request) =>
        [.. request.GetPairs("Tags").Select(p => new IamTag(p.Key, p.Value))];

    private async Task<ResultWriter?> TagAsync(IamCall call, PolicyHolderKind kind)
    {
        var name = await call.AuthorizeHolderAsync(registry.Current, kind);
        await tags.TagAsync(kind, call.AccountId, name, Read(call.Request), call.Cancellation);
        return null;
    }

    private async Task<ResultWriter?> UntagAsync(IamCall call, PolicyHolderKind kind)
    {
        var name = await call.AuthorizeHolderAsync(registry.Current, kind);
        await tags.UntagAsync(kind, call.AccountId, name, call.Request.GetList("TagKeys"), call.Cancellation);
        return null;
    }

    private async Task<ResultWriter?> ListAsync(IamCall call, PolicyHolderKind kind)
    {
        var name = await call.AuthorizeHolderAsync(registry.Current, kind);
        var page = Pages.Of(tags.List(kind, call.AccountId, name), t => t.Key, call.Request);
        return xml =>
        {
            IamXml.Tags(xml, page.Items);
            page.Write(xml);
        };
    }
}

using Nuage.Iam.Identities;

namespace Nuage.Iam.Management;

/// <summary>Tags of users and roles: TagUser, UntagUser, ListUserTags, TagRole, UntagRole, ListRoleTags (rules in <see cref="IamTags"/>).</summary>
public sealed class TagService(IdentityRegistry registry)
{
    public IReadOnlyList<IamTag> List(PolicyHolderKind kind, string accountId, string name) =>
        TaggableEntity.Find(registry.Current, kind, accountId, name).Tags;

    public Task TagAsync(PolicyHolderKind kind, string accountId, string name, IReadOnlyList<IamTag> tags, CancellationToken cancellationToken)
    {
        IamTags.Validate(tags);
        return registry.ChangeAsync(
            directory =>
            {
                var entity = TaggableEntity.Find(directory, kind, accountId, name);
                return (entity with { Tags = IamTags.Merge(entity.Tags, tags) }).Store(directory);
            },
            cancellationToken);
    }

    public Task UntagAsync(PolicyHolderKind kind, string accountId, string name, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        IamTags.Remove([], keys); // validates the keys before anything is looked up
        return registry.ChangeAsync(
            directory =>
            {
                var entity = TaggableEntity.Find(directory, kind, accountId, name);
                return (entity with { Tags = IamTags.Remove(entity.Tags, keys) }).Store(directory);
            },
            cancellationToken);
    }
}

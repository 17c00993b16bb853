namespace Nuage.Storage.Buckets;

/// <summary>
/// What authorization needs of a bucket on every request: its owner and its settings (policy, ACL, ownership
/// controls, public access block, ...) by name, as stored. Served from memory (<see cref="BucketAccessCache"/>).
/// </summary>
public sealed record BucketAccess(string Name, string Owner, IReadOnlyDictionary<string, string> Settings)
{
    public string? Setting(string name) => Settings.GetValueOrDefault(name);
}

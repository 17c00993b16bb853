namespace Nuage.Storage.Lifecycle;

/// <summary>
/// Which objects a lifecycle rule applies to (S3 API reference, LifecycleRuleFilter and LifecycleRuleAndOperator):
/// a key prefix, tags that must all be present with their values, and object size bounds (exclusive), all of them
/// together. An empty filter matches every object.
/// </summary>
public sealed record LifecycleFilter(
    string Prefix,
    IReadOnlyDictionary<string, string> Tags,
    long? ObjectSizeGreaterThan,
    long? ObjectSizeLessThan)
{
    public static readonly LifecycleFilter All = new(string.Empty, new Dictionary<string, string>(), null, null);

    /// <summary>The rule gave its prefix as the rule's own Prefix element (the form before Filter), not in a Filter.</summary>
    public bool IsRulePrefix { get; init; }

    /// <param name="tags">The object's tags, or null when it has none.</param>
    public bool Matches(string key, long size, IReadOnlyDictionary<string, string>? tags)
    {
        if (!key.StartsWith(Prefix, StringComparison.Ordinal)
            || (ObjectSizeGreaterThan is { } above && size <= above)
            || (ObjectSizeLessThan is { } below && size >= below))
        {
            return false;
        }

        foreach (var (name, value) in Tags)
        {
            if (tags is null || !tags.TryGetValue(name, out var actual) || actual != value)
            {
                return false;
            }
        }

        return true;
    }
}

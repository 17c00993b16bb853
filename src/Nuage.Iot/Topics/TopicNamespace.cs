namespace Nuage.Iot.Topics;

/// <summary>
/// Account isolation (docs/iot.md "Isolation"): inside the broker every topic and filter lives under its account's
/// prefix, <c>$nuage/ACCOUNT/</c>, which clients never see. A client's "sensors/1" is the broker's
/// "$nuage/123456789012/sensors/1"; its "#" is "$nuage/123456789012/#", which matches nothing of another account.
/// The prefix is added to what clients send and removed from what they receive; retained messages and wills are
/// stored under it, so they stay in their account as well.
/// </summary>
/// <remarks>
/// The prefix starts with '$' so that no client topic can spell it: <see cref="TopicRules"/> refuses every client
/// topic and filter starting with '$'. Account ids are 12 digits, so the prefix's second level is never a wildcard.
/// </remarks>
public static class TopicNamespace
{
    private const string Root = "$nuage/";

    /// <summary>
    /// AWS's reserved topics ($aws/..., docs/iot-shadows.md) live under a root of their own per account, not under
    /// <see cref="Root"/>: an account's '#' is "$nuage/ACCOUNT/#", which cannot match "$nuage-aws/ACCOUNT/...", just as
    /// MQTT 5 §4.7.2 [MQTT-4.7.2-1] keeps '#' from matching '$' topics. "$aws/things/T/..." becomes
    /// "$nuage-aws/ACCOUNT/things/T/..." and turns back into the client's form on delivery.
    /// </summary>
    private const string AwsRoot = "$nuage-aws/";

    private const string AwsPrefix = "$aws/";

    /// <summary>The broker's topic (or filter) for <paramref name="clientTopic"/>, which <see cref="TopicRules"/> passed.</summary>
    public static string ToBroker(string accountId, string clientTopic)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentException.ThrowIfNullOrEmpty(clientTopic);
        return clientTopic.StartsWith(AwsPrefix, StringComparison.Ordinal)
            ? string.Concat(AwsRoot, accountId, "/", clientTopic.AsSpan(AwsPrefix.Length))
            : string.Concat(Root, accountId, "/", clientTopic);
    }

    /// <summary>
    /// Splits a broker topic into its account and the topic its clients know. False for anything not under an
    /// account's prefix, which then reaches no client.
    /// </summary>
    public static bool TryFromBroker(string? brokerTopic, out string accountId, out string clientTopic)
    {
        accountId = clientTopic = string.Empty;
        var root = brokerTopic is null ? null
            : brokerTopic.StartsWith(Root, StringComparison.Ordinal) ? Root
            : brokerTopic.StartsWith(AwsRoot, StringComparison.Ordinal) ? AwsRoot
            : null;
        if (root is null)
        {
            return false;
        }

        var slash = brokerTopic!.IndexOf('/', root.Length);
        if (slash <= root.Length || slash == brokerTopic.Length - 1)
        {
            return false;
        }

        accountId = brokerTopic[root.Length..slash];
        clientTopic = root == AwsRoot ? string.Concat(AwsPrefix, brokerTopic.AsSpan(slash + 1)) : brokerTopic[(slash + 1)..];
        return true;
    }

    /// <summary>True when <paramref name="brokerTopic"/> lies in <paramref name="accountId"/>'s namespace.</summary>
    public static bool BelongsTo(string brokerTopic, string accountId) => ClientTopicStart(brokerTopic, accountId) > 0;

    /// <summary>
    /// The topic its clients know of a broker topic in <paramref name="accountId"/>'s namespace; false for one outside it
    /// (or under no account). What <see cref="TryFromBroker"/> and an account comparison decide, with no string made
    /// for the account: every delivery asks (docs/performance.md "Allocations on the MQTT path").
    /// </summary>
    public static bool TryClientTopicIn(string? brokerTopic, ReadOnlySpan<char> accountId, out string clientTopic)
    {
        var start = ClientTopicStart(brokerTopic, accountId);
        clientTopic = start <= 0 ? string.Empty
            : brokerTopic!.StartsWith(AwsRoot, StringComparison.Ordinal) ? string.Concat(AwsPrefix, brokerTopic.AsSpan(start))
            : brokerTopic[start..];
        return start > 0;
    }

    /// <summary>Where the client's topic starts in a broker topic of <paramref name="accountId"/>'s namespace; 0 for any other.</summary>
    private static int ClientTopicStart(string? brokerTopic, ReadOnlySpan<char> accountId)
    {
        var root = brokerTopic is null ? null
            : brokerTopic.StartsWith(Root, StringComparison.Ordinal) ? Root
            : brokerTopic.StartsWith(AwsRoot, StringComparison.Ordinal) ? AwsRoot
            : null;
        if (root is null || accountId.IsEmpty || accountId.Contains('/'))
        {
            return 0;
        }

        // The account level, its slash, and at least one character after it, as TryFromBroker requires.
        var rest = brokerTopic.AsSpan(root.Length);
        return rest.Length > accountId.Length + 1 && rest.StartsWith(accountId, StringComparison.Ordinal) && rest[accountId.Length] == '/'
            ? root.Length + accountId.Length + 1
            : 0;
    }
}

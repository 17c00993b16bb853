using Nuage.Iam;
using Nuage.Iot.Topics;
using Nuage.Metadata;
using Nuage.Storage.Buckets;

namespace Nuage.Iot.Rules;

/// <summary>
/// An account's IoT rules (AWS IoT CreateTopicRule, GetTopicRule, ListTopicRules, DeleteTopicRule, in Nuage's
/// shape: docs/iot-rules.md). Every rule is checked whole before it is stored, the bucket must exist and be the
/// account's own; the rules of all accounts are kept in memory as an immutable snapshot the publish path reads
/// without a lock.
/// </summary>
public sealed class RuleService(IMetadataStore store, IBucketService buckets, TimeProvider time)
{
    /// <summary>Rules per account (AWS IoT's default quota is 1,000; Nuage keeps metrics labels bounded).</summary>
    public const int MaxRulesPerAccount = 100;

    private readonly SemaphoreSlim _lock = new(1, 1);
    private volatile IReadOnlyDictionary<string, TopicRule[]>? _byAccount;

    public async Task<TopicRule> CreateAsync(RuleRequest request, CancellationToken cancellationToken)
    {
        var rule = await ValidateAsync(request, cancellationToken).ConfigureAwait(false);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = await LoadLockedAsync(cancellationToken).ConfigureAwait(false);
            if (current.TryGetValue(rule.AccountId, out var existing) && existing.Length >= MaxRulesPerAccount)
            {
                throw new IamException(IamErrorCode.LimitExceeded, $"An account has at most {MaxRulesPerAccount} rules.");
            }

            bool inserted = await store.WriteAsync(t => t.InsertIotRule(new IotRuleRow(rule.AccountId, rule.Name, rule.ToDefinition(), rule.CreatedAt)), cancellationToken)
                .ConfigureAwait(false);
            if (!inserted)
            {
                throw new IamException(IamErrorCode.EntityAlreadyExists, $"A rule named {rule.Name} exists already in this account.");
            }

            _byAccount = null;
            return rule;
        }
        finally
        {
            _lock.Release();
        }
    }

    public async Task<IReadOnlyList<TopicRule>> ListAsync(string accountId, CancellationToken cancellationToken) =>
        await RulesOfAsync(accountId, cancellationToken).ConfigureAwait(false);

    public async Task<TopicRule> GetAsync(string accountId, string name, CancellationToken cancellationToken) =>
        (await RulesOfAsync(accountId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(r => r.Name == name)
        ?? throw new IamException(IamErrorCode.NoSuchEntity, $"The account has no rule named {name}.");

    /// <summary>Deletes the rule with its spool: messages not yet in a batch object are dropped with it.</summary>
    public async Task DeleteAsync(string accountId, string name, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!await store.WriteAsync(t => t.DeleteIotRule(accountId, name), cancellationToken).ConfigureAwait(false))
            {
                throw new IamException(IamErrorCode.NoSuchEntity, $"The account has no rule named {name}.");
            }

            _byAccount = null;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>The account's rules as of the last change (the publish path's read).</summary>
    public async ValueTask<TopicRule[]> RulesOfAsync(string accountId, CancellationToken cancellationToken)
    {
        var current = _byAccount;
        if (current is null)
        {
            await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                current = await LoadLockedAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _lock.Release();
            }
        }

        return current.TryGetValue(accountId, out var rules) ? rules : [];
    }

    /// <summary>The rule as stored, or null when it was deleted (the flusher's check before it writes a batch).</summary>
    public async ValueTask<TopicRule?> FindAsync(string accountId, string name, CancellationToken cancellationToken) =>
        (await RulesOfAsync(accountId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(r => r.Name == name);

    private async ValueTask<IReadOnlyDictionary<string, TopicRule[]>> LoadLockedAsync(CancellationToken cancellationToken)
    {
        if (_byAccount is { } loaded)
        {
            return loaded;
        }

        var rows = await store.ListIotRulesAsync(cancellationToken).ConfigureAwait(false);
        var byAccount = rows
            .Select(r => TopicRule.FromDefinition(r.AccountId, r.Name, r.Definition, r.CreatedAt))
            .GroupBy(r => r.AccountId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _byAccount = byAccount;
        return byAccount;
    }

    private async Task<TopicRule> ValidateAsync(RuleRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.Name) || request.Name.Length > 128 || !request.Name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            // AWS IoT's ruleName: ^[a-zA-Z0-9_]+$, 1 to 128 characters.
            throw Invalid("ruleName must be 1 to 128 letters, digits or underscores.");
        }

        if (TopicRules.CheckFilter(request.TopicFilter) != TopicVerdict.Valid)
        {
            throw Invalid($"topicFilter '{request.TopicFilter}' is not a valid MQTT topic filter (MQTT 5 §4.7; at most {TopicRules.MaxBytes} bytes and {TopicRules.MaxSlashes} slashes).");
        }

        var condition = string.IsNullOrWhiteSpace(request.Condition) ? null : RuleConditionParser.Parse(request.Condition);
        if (request.Bucket is null && request.RepublishTopic is null && request.WebhookUrl is null)
        {
            throw Invalid("A rule needs at least one action: bucket, republishTopic or webhook (any of them together).");
        }

        if (request.WebhookUrl is { } url && WebhookAction.Problem(url) is { } problem)
        {
            throw Invalid(problem);
        }

        if (request.RepublishTopic is { } republish)
        {
            if (TopicRules.CheckName(republish) != TopicVerdict.Valid)
            {
                throw Invalid($"republishTopic '{republish}' is not a valid topic name for this account (no wildcards, not reserved).");
            }

            if (TopicFilterMatch.Matches(request.TopicFilter, republish))
            {
                // Republished messages do not pass through rules (docs/iot-rules.md), but a rule that feeds itself is a mistake worth naming.
                throw Invalid($"republishTopic '{republish}' matches the rule's own topicFilter.");
            }
        }

        BucketAction? bucketAction = null;
        if (request.Bucket is { } bucket)
        {
            var info = await buckets.GetBucketAsync(bucket, cancellationToken).ConfigureAwait(false);
            if (info is null || info.Owner != request.AccountId)
            {
                // Another account's bucket is reported as absent: its existence is not this account's to learn.
                throw new IamException(IamErrorCode.NoSuchEntity, $"The account owns no bucket named {bucket}.");
            }

            string prefix = request.Prefix ?? "";
            if (prefix.Length > 512 || prefix.StartsWith('/') || prefix.Contains("..", StringComparison.Ordinal) || prefix.Any(char.IsControl))
            {
                throw Invalid("prefix must be at most 512 characters, not start with '/', and contain no '..' or control characters.");
            }

            if (prefix.Length > 0 && !prefix.EndsWith('/'))
            {
                prefix += "/";
            }

            bucketAction = new BucketAction(
                bucket,
                prefix,
                (int)Range(request.MaxMessages ?? BucketAction.DefaultMaxMessages, 1, BucketAction.MaxMessagesLimit, "maxMessages"),
                Range(request.MaxBytes ?? BucketAction.DefaultMaxBytes, 1024, BucketAction.MaxBytesLimit, "maxBytes"),
                (int)Range(request.MaxAgeSeconds ?? BucketAction.DefaultMaxAgeSeconds, 1, BucketAction.MaxAgeLimit, "maxAgeSeconds"));
        }
        else if (request.Prefix is not null || request.MaxMessages is not null || request.MaxBytes is not null || request.MaxAgeSeconds is not null)
        {
            throw Invalid("prefix, maxMessages, maxBytes and maxAgeSeconds belong to the bucket action: give bucket too.");
        }

        return new TopicRule(request.AccountId, request.Name, request.TopicFilter, condition is null ? null : request.Condition, bucketAction, request.RepublishTopic, time.GetUtcNow())
        {
            ParsedCondition = condition,
            Webhook = request.WebhookUrl is { } webhookUrl ? new WebhookAction(webhookUrl) : null,
        };
    }

    private static long Range(long value, long min, long max, string field) =>
        value >= min && value <= max ? value : throw Invalid($"{field} must be between {min} and {max}.");

    private static IamException Invalid(string message) => new(IamErrorCode.InvalidInput, message);
}

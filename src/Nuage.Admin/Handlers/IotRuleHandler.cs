using Nuage.Admin.Errors;
using Nuage.Admin.Http;
using Nuage.Admin.Json;
using Nuage.Iot.Registry;
using Nuage.Iot.Rules;

namespace Nuage.Admin.Handlers;

/// <summary>An account's IoT rules (AWS IoT CreateTopicRule, GetTopicRule, ListTopicRules, DeleteTopicRule; docs/iot-rules.md).</summary>
public sealed class IotRuleHandler(RuleService rules, IotRegistry registry)
{
    public async Task<AdminResult> ListAsync(AdminCall call) =>
        AdminResult.Ok(new { Rules = (await rules.ListAsync(call.Account.Id, call.Aborted).ConfigureAwait(false)).Select(Document) });

    public async Task<AdminResult> CreateAsync(AdminCall call)
    {
        var body = await call.ReadJsonAsync().ConfigureAwait(false);
        var request = new RuleRequest(
            call.Account.Id,
            body.RequiredString("ruleName"),
            body.RequiredString("topicFilter"),
            body.OptionalString("condition"),
            body.OptionalString("bucket"),
            body.OptionalString("prefix"),
            ToInt(body.OptionalWholeNumber("maxMessages")),
            body.OptionalWholeNumber("maxBytes"),
            ToInt(body.OptionalWholeNumber("maxAgeSeconds")),
            body.OptionalString("republishTopic"),
            WebhookUrl(body));
        return AdminResult.Created(Document(await rules.CreateAsync(request, call.Aborted).ConfigureAwait(false)));
    }

    public async Task<AdminResult> GetAsync(AdminCall call) =>
        AdminResult.Ok(Document(await rules.GetAsync(call.Account.Id, call["rule"], call.Aborted).ConfigureAwait(false)));

    public async Task<AdminResult> DeleteAsync(AdminCall call)
    {
        await rules.DeleteAsync(call.Account.Id, call["rule"], call.Aborted).ConfigureAwait(false);
        return AdminResult.NoContent;
    }

    /// <summary>AWS IoT's rule ARN: arn:aws:iot:REGION:ACCOUNT:rule/NAME.</summary>
    public string Arn(string accountId, string name) => registry.RuleArn(accountId, name);

    private IotRuleDocument Document(TopicRule rule) => IotRuleDocument.From(rule, Arn(rule.AccountId, rule.Name));

    /// <summary>The url of <c>"webhook": {"url": "..."}</c>; an object, so a later field (headers, say) has a place.</summary>
    private static string? WebhookUrl(JsonBody body)
    {
        if (!body.Has("webhook"))
        {
            return null;
        }

        IReadOnlyDictionary<string, string>? webhook;
        try
        {
            webhook = body.OptionalStringMap("webhook");
        }
        catch (AdminException)
        {
            throw new AdminException(AdminError.InvalidInput, "The field \"webhook\" must be an object {\"url\": \"https://...\"}.");
        }

        if (webhook is null)
        {
            return null;
        }

        if (webhook.Count != 1 || !webhook.TryGetValue("url", out var url))
        {
            throw new AdminException(AdminError.InvalidInput, "The field \"webhook\" must hold exactly one field, \"url\" (a string).");
        }

        return url;
    }

    private static int? ToInt(long? value) => value is { } v ? (int)Math.Min(v, int.MaxValue) : null;
}

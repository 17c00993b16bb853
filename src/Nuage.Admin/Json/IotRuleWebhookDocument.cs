namespace Nuage.Admin.Json;

/// <summary>A rule's webhook action as the admin API shows it, the shape a create takes: <c>{"url": "..."}</c>.</summary>
public sealed record IotRuleWebhookDocument(string Url);

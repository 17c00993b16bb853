using Nuage.Iot.Rules;
using Nuage.Storage.Notifications;

namespace Nuage.Iot.Tests.Rules;

/// <summary>
/// The webhook action's URL check and its outbox destination (docs/iot-rules.md "Webhook"): every URL the rule
/// accepts becomes a destination the event dispatcher delivers as a webhook to that same URL, and a rule stored
/// before the action existed reads back without one.
/// </summary>
public sealed class RuleWebhookActionTests
{
    [Theory]
    [InlineData("https://hooks.example.com/iot")]
    [InlineData("http://127.0.0.1:8080/hook?token=a:b")]
    [InlineData("https://[::1]:8443/x")]
    public void An_accepted_url_is_a_webhook_destination_the_dispatcher_posts_to(string url)
    {
        Assert.Null(WebhookAction.Problem(url));
        var destination = EventDestination.Parse(new WebhookAction(url).Destination("local", "123456789012"), out var problem);
        Assert.Null(problem);
        Assert.Equal((EventDestinationKind.Webhook, url, "123456789012", "local"), (destination!.Kind, destination.Target, destination.Account, destination.Region));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/relative/hook")]
    [InlineData("ftp://example.com/hook")]
    [InlineData("file:///etc/passwd")]
    [InlineData("https://exa mple.com/")]
    [InlineData("https://example.com/\n")]
    [InlineData("example.com/hook")]
    public void Anything_else_is_refused_naming_the_field(string url) =>
        Assert.Contains("webhook.url", WebhookAction.Problem(url), StringComparison.Ordinal);

    [Fact]
    public void The_definition_keeps_the_webhook_and_an_older_definition_has_none()
    {
        var rule = new TopicRule("123456789012", "r", "a/#", null, null, null, DateTimeOffset.UnixEpoch) { Webhook = new WebhookAction("https://example.com/h") };
        var read = TopicRule.FromDefinition("123456789012", "r", rule.ToDefinition(), DateTimeOffset.UnixEpoch);
        Assert.Equal("https://example.com/h", read.Webhook?.Url);
        Assert.Null(TopicRule.FromDefinition("123456789012", "r", """{"topicFilter":"a/#","republishTopic":"b"}""", DateTimeOffset.UnixEpoch).Webhook);
    }
}

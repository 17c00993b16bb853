using System.CommandLine;

namespace Nuage.Host.AdminCli;

/// <summary>`nuage admin iot rules create|list|get|delete` (docs/iot-rules.md "Managing rules").</summary>
public static class IotRuleCommands
{
    private static readonly AdminTable Rules = new(
        "rules",
        [("NAME", "ruleName"), ("TOPIC FILTER", "topicFilter"), ("CONDITION", "condition"), ("BUCKET", "bucket"), ("PREFIX", "prefix"),
            ("REPUBLISH", "republishTopic"), ("WEBHOOK", "webhook.url"), ("CREATED", "createdAt")]);

    public static Command Create()
    {
        var command = new Command("rules", "IoT rules of an account: messages on matching topics into a bucket, to another topic or to a webhook");

        var name = AdminVerb.Name("Rule name (letters, digits, _)");
        var account = AdminVerb.Account();
        var filter = new Option<string>("--topic-filter") { Description = "MQTT topic filter of the account's topics (+ and # allowed)", Required = true };
        var condition = AdminVerb.Text("--condition", "Condition on JSON payload fields, e.g. \"temperature > 30 AND site = 'paris'\"");
        var bucket = AdminVerb.Text("--bucket", "Write matched messages to this bucket of the account");
        var prefix = AdminVerb.Text("--prefix", "Key prefix of the batch objects");
        var maxMessages = new Option<int?>("--max-messages") { Description = "Close a batch at this many messages (default 10000)" };
        var maxBytes = new Option<long?>("--max-bytes") { Description = "Close a batch at this many bytes (default 8 MiB)" };
        var maxAge = new Option<int?>("--max-age") { Description = "Close a batch when its oldest message is this many seconds old (default 60)" };
        var republish = AdminVerb.Text("--republish", "Republish matched messages to this topic of the account");
        var webhook = AdminVerb.Text("--webhook", "POST each matched message to this http(s) URL, retried until delivered");
        command.Subcommands.Add(AdminVerb.Create(
            "create", "Create an IoT rule", [name, account, filter, condition, bucket, prefix, maxMessages, maxBytes, maxAge, republish, webhook], Rules with { Items = null },
            (r, client, ct) => client.SendAsync(HttpMethod.Post, IotCommands.Path(r.GetValue(account)!, "rules"),
                new
                {
                    ruleName = r.GetValue(name),
                    topicFilter = r.GetValue(filter),
                    condition = r.GetValue(condition),
                    bucket = r.GetValue(bucket),
                    prefix = r.GetValue(prefix),
                    maxMessages = r.GetValue(maxMessages),
                    maxBytes = r.GetValue(maxBytes),
                    maxAgeSeconds = r.GetValue(maxAge),
                    republishTopic = r.GetValue(republish),
                    webhook = r.GetValue(webhook) is { } url ? new { url } : null,
                },
                cancellationToken: ct)));

        var listAccount = AdminVerb.Account();
        command.Subcommands.Add(AdminVerb.Create("list", "List the account's IoT rules", [listAccount], Rules,
            (r, client, ct) => client.SendAsync(HttpMethod.Get, IotCommands.Path(r.GetValue(listAccount)!, "rules"), cancellationToken: ct)));

        foreach (var (verb, text, method, done) in new[]
        {
            ("get", "Show an IoT rule", HttpMethod.Get, (string?)null),
            ("delete", "Delete an IoT rule (messages not yet written to its bucket are dropped)", HttpMethod.Delete, "IoT rule deleted."),
        })
        {
            var rule = AdminVerb.Name("Rule name");
            var ruleAccount = AdminVerb.Account();
            command.Subcommands.Add(AdminVerb.Create(verb, text, [rule, ruleAccount], done is null ? Rules with { Items = null } : AdminTable.Message(done),
                (r, client, ct) => client.SendAsync(method, IotCommands.Path(r.GetValue(ruleAccount)!, "rules", r.GetValue(rule)!), cancellationToken: ct)));
        }

        return command;
    }
}

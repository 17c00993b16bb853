using System.Text.Json;
using Nuage.Iam;
using Nuage.Iot.Rules;

namespace Nuage.Iot.Tests.Rules;

/// <summary>The condition grammar of docs/iot-rules.md: what it matches, and what it refuses.</summary>
public sealed class RuleConditionTests
{
    private const string Payload = """{"temperature":35.5,"site":"paris","ok":true,"meta":{"rev":3,"zone":"it's"},"list":[1]}""";

    [Theory]
    [InlineData("temperature > 30", true)]
    [InlineData("temperature >= 35.5 AND temperature <= 35.5", true)]
    [InlineData("temperature < 30", false)]
    [InlineData("site = 'paris'", true)]
    [InlineData("site <> 'paris'", false)]
    [InlineData("site != 'lyon'", true)]
    [InlineData("temperature > 30 and site = 'lyon' or meta.rev = 3", true)]
    [InlineData("temperature > 30 AND (site = 'lyon' OR meta.rev = 4)", false)]
    [InlineData("NOT site = 'lyon'", true)]
    [InlineData("ok = true AND ok != false", true)]
    [InlineData("ok > false", false)]
    [InlineData("meta.zone = 'it''s'", true)]
    [InlineData("missing = 1", false)]
    [InlineData("NOT missing = 1", true)]
    [InlineData("site > 1", false)]
    [InlineData("temperature = '35.5'", false)]
    [InlineData("meta.rev.deeper = 1", false)]
    [InlineData("list = 1", false)]
    [InlineData("temperature > -1e3", true)]
    public void Conditions_match_as_documented(string condition, bool expected) =>
        Assert.Equal(expected, RuleConditionParser.Parse(condition).Matches(JsonDocument.Parse(Payload).RootElement));

    [Theory]
    [InlineData("", "field name")]
    [InlineData("temperature", "comparison operator")]
    [InlineData("temperature >", "expected a number")]
    [InlineData("temperature > 30 AND", "field name")]
    [InlineData("temperature > 30 site = 'x'", "expected AND, OR")]
    [InlineData("(temperature > 30", "expected )")]
    [InlineData("site = 'paris", "closing quote")]
    [InlineData("upper(site) = 'X'", "comparison operator")]
    [InlineData("a.b. = 1", "field name")]
    [InlineData("1a = 1", "field name")]
    [InlineData("and = 1", "keyword")]
    [InlineData("t > NaN", "expected a number")]
    [InlineData("t > 1e999", "expected a number")]
    [InlineData("t LIKE 'x%'", "comparison operator")]
    public void Other_text_is_refused_with_where_and_what(string condition, string fragment)
    {
        var refused = Assert.Throws<IamException>(() => RuleConditionParser.Parse(condition));
        Assert.Equal(IamErrorCode.InvalidInput, refused.Code);
        Assert.Contains(fragment, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_and_long_text_are_refused_not_a_stack_overflow()
    {
        Assert.Throws<IamException>(() => RuleConditionParser.Parse(new string('(', 500) + "a = 1" + new string(')', 500)));
        Assert.Throws<IamException>(() => RuleConditionParser.Parse(string.Concat(Enumerable.Repeat("NOT ", 300)) + "a = 1"));
        Assert.Throws<IamException>(() => RuleConditionParser.Parse("a = '" + new string('x', 2000) + "'"));
    }

    [Theory]
    [InlineData("a/b", "a/b", true)]
    [InlineData("a/+", "a/b", true)]
    [InlineData("a/+", "a/b/c", false)]
    [InlineData("a/#", "a", true)]
    [InlineData("a/#", "a/b/c", true)]
    [InlineData("#", "a/b", true)]
    [InlineData("#", "$aws/things/x/shadow/update", false)]
    [InlineData("+/x", "$SYS/x", false)]
    [InlineData("a/+/c", "a//c", true)]
    [InlineData("a/b", "a/b/c", false)]
    [InlineData("a/b/c", "a/b", false)]
    public void Topic_filters_match_as_MQTT_says(string filter, string topic, bool expected) =>
        Assert.Equal(expected, TopicFilterMatch.Matches(filter, topic));
}

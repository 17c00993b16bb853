using Nuage.Iot.Topics;

namespace Nuage.Iot.Tests.Topics;

public sealed class TopicRulesTests
{
    [Theory]
    [InlineData("a", TopicVerdict.Valid)]
    [InlineData("/", TopicVerdict.Valid)]
    [InlineData("sensors/kitchen/temperature", TopicVerdict.Valid)]
    [InlineData("1/2/3/4/5/6/7/8", TopicVerdict.Valid)]
    [InlineData("1/2/3/4/5/6/7/8/9", TopicVerdict.TooDeep)]
    [InlineData("", TopicVerdict.Invalid)]
    [InlineData("a/+", TopicVerdict.Invalid)]
    [InlineData("a/#", TopicVerdict.Invalid)]
    [InlineData("$SYS/x", TopicVerdict.Reserved)]
    [InlineData("$nuage/123456789012/x", TopicVerdict.Reserved)]
    [InlineData("a\u0000b", TopicVerdict.Malformed)]
    [InlineData("a\uFFFDb", TopicVerdict.Malformed)]
    [InlineData("$aws/things/lamp-1/shadow/update", TopicVerdict.Valid)]
    [InlineData("$aws/things/lamp-1/shadow/get/accepted", TopicVerdict.Valid)]
    [InlineData("$aws/things/lamp:1_x/shadow/name/cfg-2/update/documents", TopicVerdict.Valid)]
    [InlineData("$aws/things/lamp-1/shadow/get/delta", TopicVerdict.Reserved)]
    [InlineData("$aws/things/lamp-1/shadow/update/accepted/x", TopicVerdict.Reserved)]
    [InlineData("$aws/things/lamp.1/shadow/update", TopicVerdict.Reserved)]
    [InlineData("$aws/things/lamp-1/shadow/name/a.b/update", TopicVerdict.Reserved)]
    [InlineData("$aws/things/lamp-1/jobs/get", TopicVerdict.Reserved)]
    [InlineData("$aws/things/lamp-1/shadow", TopicVerdict.Reserved)]
    [InlineData("$nuage-aws/123456789012/things/t/shadow/update", TopicVerdict.Reserved)]
    public void Topic_names(string topic, TopicVerdict expected) => Assert.Equal(expected, TopicRules.CheckName(topic));

    [Theory]
    [InlineData("#", TopicVerdict.Valid)]
    [InlineData("+", TopicVerdict.Valid)]
    [InlineData("a/+/c/#", TopicVerdict.Valid)]
    [InlineData("a/#/c", TopicVerdict.Invalid)]
    [InlineData("a/b#", TopicVerdict.Invalid)]
    [InlineData("a/b+/c", TopicVerdict.Invalid)]
    [InlineData("+/+", TopicVerdict.Valid)]
    [InlineData("/#", TopicVerdict.Valid)]
    [InlineData("a//+", TopicVerdict.Valid)]
    [InlineData("#/", TopicVerdict.Invalid)]
    [InlineData("a/++", TopicVerdict.Invalid)]
    [InlineData("a/+#", TopicVerdict.Invalid)]
    [InlineData("a/##", TopicVerdict.Invalid)]
    [InlineData("$share/group/a", TopicVerdict.Reserved)]
    [InlineData("1/+/2/+/3/+/4/+/#", TopicVerdict.TooDeep)]
    [InlineData("$aws/things/+/shadow/update/accepted", TopicVerdict.Valid)]
    [InlineData("$aws/things/lamp-1/shadow/#", TopicVerdict.Valid)]
    [InlineData("$aws/things/+/shadow/name/+/update/delta", TopicVerdict.Valid)]
    [InlineData("$aws/things/a/shadow/name/+/update/delta/x", TopicVerdict.TooDeep)]
    [InlineData("$aws/#", TopicVerdict.Reserved)]
    [InlineData("$aws/things/", TopicVerdict.Reserved)]
    [InlineData("$aws/things/#", TopicVerdict.Valid)]
    [InlineData("$aws/things/x/jobs/#", TopicVerdict.Reserved)]
    public void Topic_filters(string filter, TopicVerdict expected) => Assert.Equal(expected, TopicRules.CheckFilter(filter));

    [Fact]
    public void Length_is_counted_in_UTF8_bytes()
    {
        Assert.Equal(TopicVerdict.Valid, TopicRules.CheckName(new string('é', 128)));
        Assert.Equal(TopicVerdict.TooLong, TopicRules.CheckName(new string('é', 129)));
    }
}

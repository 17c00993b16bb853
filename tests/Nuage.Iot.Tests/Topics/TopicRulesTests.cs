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
    public void Topic_names(string topic, TopicVerdict expected) => Assert.Equal(expected, TopicRules.CheckName(topic));

    [Theory]
    [InlineData("#", TopicVerdict.Valid)]
    [InlineData("+", TopicVerdict.Valid)]
    [InlineData("a/+/c/#", TopicVerdict.Valid)]
    [InlineData("a/#/c", TopicVerdict.Invalid)]
    [InlineData("a/b#", TopicVerdict.Invalid)]
    [InlineData("a/b+/c", TopicVerdict.Invalid)]
    [InlineData("$share/group/a", TopicVerdict.Reserved)]
    [InlineData("1/+/2/+/3/+/4/+/#", TopicVerdict.TooDeep)]
    public void Topic_filters(string filter, TopicVerdict expected) => Assert.Equal(expected, TopicRules.CheckFilter(filter));

    [Fact]
    public void Length_is_counted_in_UTF8_bytes()
    {
        Assert.Equal(TopicVerdict.Valid, TopicRules.CheckName(new string('é', 128)));
        Assert.Equal(TopicVerdict.TooLong, TopicRules.CheckName(new string('é', 129)));
    }
}

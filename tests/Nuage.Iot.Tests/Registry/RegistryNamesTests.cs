using Nuage.Iam;
using Nuage.Iot.Registry;

namespace Nuage.Iot.Tests.Registry;

/// <summary>AWS IoT's input rules for things, groups, attributes and policies (CreateThing, AttributePayload, CreatePolicy).</summary>
public sealed class RegistryNamesTests
{
    [Theory]
    [InlineData("sensor-1")]
    [InlineData("a")]
    [InlineData("Room:42_b-c")]
    public void Thing_names_of_letters_digits_colon_underscore_and_dash_are_accepted(string name) =>
        RegistryNames.CheckThingName(name);

    [Theory]
    [InlineData("")]
    [InlineData("with space")]
    [InlineData("slash/in")]
    [InlineData("plus+")]
    [InlineData("hash#")]
    [InlineData("dot.name")]
    [InlineData("été")]
    public void Other_thing_names_are_refused_with_InvalidInput(string name)
    {
        var e = Assert.Throws<IamException>(() => RegistryNames.CheckThingName(name));
        Assert.Equal(IamErrorCode.InvalidInput, e.Code);
        Assert.Contains("thingName", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_thing_name_is_at_most_128_characters()
    {
        RegistryNames.CheckThingName(new string('a', 128));
        Assert.Throws<IamException>(() => RegistryNames.CheckThingName(new string('a', 129)));
        Assert.Throws<IamException>(() => RegistryNames.CheckThingName(null));
    }

    [Fact]
    public void Three_attributes_without_a_thing_type_and_fifty_with_one()
    {
        var three = Attributes(3);
        RegistryNames.CheckAttributes(three, hasThingType: false);
        var e = Assert.Throws<IamException>(() => RegistryNames.CheckAttributes(Attributes(4), hasThingType: false));
        Assert.Contains("thingTypeName", e.Message, StringComparison.Ordinal);
        RegistryNames.CheckAttributes(Attributes(50), hasThingType: true);
        Assert.Throws<IamException>(() => RegistryNames.CheckAttributes(Attributes(51), hasThingType: true));
    }

    [Fact]
    public void Attribute_names_and_values_follow_the_AttributePayload_patterns()
    {
        RegistryNames.CheckAttributes(new Dictionary<string, string> { ["a.b@c/d:e#f-g_h,"] = "x=[1]" }, hasThingType: false);
        RegistryNames.CheckAttributes(new Dictionary<string, string> { ["empty"] = "" }, hasThingType: false);
        Assert.Throws<IamException>(() => RegistryNames.CheckAttributes(new Dictionary<string, string> { ["bad key"] = "v" }, false));
        Assert.Throws<IamException>(() => RegistryNames.CheckAttributes(new Dictionary<string, string> { [""] = "v" }, false));
        Assert.Throws<IamException>(() => RegistryNames.CheckAttributes(new Dictionary<string, string> { ["k"] = "a b" }, false));
        Assert.Throws<IamException>(() => RegistryNames.CheckAttributes(new Dictionary<string, string> { ["k"] = new string('v', 801) }, false));
        Assert.Throws<IamException>(() => RegistryNames.CheckAttributes(new Dictionary<string, string> { [new string('k', 129)] = "v" }, false));
    }

    [Theory]
    [InlineData("sensors-rw", true)]
    [InlineData("a+b=c,d.e@f-g_h", true)]
    [InlineData("with space", false)]
    [InlineData("", false)]
    [InlineData("colon:", false)]
    public void Policy_names_follow_CreatePolicy(string name, bool valid)
    {
        if (valid)
        {
            RegistryNames.CheckPolicyName(name);
        }
        else
        {
            Assert.Equal(IamErrorCode.InvalidInput, Assert.Throws<IamException>(() => RegistryNames.CheckPolicyName(name)).Code);
        }
    }

    private static Dictionary<string, string> Attributes(int count) =>
        Enumerable.Range(0, count).ToDictionary(i => "k" + i, i => "v" + i);
}

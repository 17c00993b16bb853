using System.Net;
using Nuage.Iam.Policies;
using Nuage.Iot.Authorization;
using Nuage.Iot.Identity;

namespace Nuage.Iot.Tests.Registry;

/// <summary>A device's own topics, and what its IoT policies add or take away (docs/iot-devices.md "Rights").</summary>
public sealed class DeviceRightsTests
{
    private static readonly DeviceIdentity Lamp = new("111111111111", "lamp-1", "dev_00000000000000000000000000000001");
    private static readonly ConnectionFacts Facts = new(IPAddress.Loopback, false);

    [Theory]
    [InlineData("things/lamp-1/state", true)]
    [InlineData("things/lamp-1/a/b/c", true)]
    [InlineData("$aws/things/lamp-1/shadow/update", true)]
    [InlineData("$aws/things/lamp-1/shadow/get/accepted", true)]
    [InlineData("things/lamp-1", false)]
    [InlineData("things/lamp-1/", false)]
    [InlineData("things/lamp-10/state", false)]
    [InlineData("things/lamp-/state", false)]
    [InlineData("things/lamp-2/state", false)]
    [InlineData("$aws/things/lamp-2/shadow/update", false)]
    [InlineData("$aws/things/lamp-1", false)]
    [InlineData("aws/things/lamp-1/x", false)]
    [InlineData("x/things/lamp-1/state", false)]
    [InlineData("sensors/lamp-1", false)]
    public void Own_topics_are_those_under_things_NAME_and_aws_things_NAME(string topic, bool own) =>
        Assert.Equal(own, DeviceRights.IsOwnTopic("lamp-1", topic));

    [Theory]
    [InlineData("things/lamp-1/#", true)]
    [InlineData("things/lamp-1/+/x", true)]
    [InlineData("$aws/things/lamp-1/shadow/#", true)]
    [InlineData("#", false)]
    [InlineData("things/#", false)]
    [InlineData("things/+/state", false)]
    [InlineData("+/lamp-1/state", false)]
    [InlineData("$aws/things/+/shadow/update", false)]
    [InlineData("things/lamp-2/#", false)]
    public void Own_filters_spell_the_thing_name_before_any_wildcard(string filter, bool own) =>
        Assert.Equal(own, DeviceRights.IsOwnFilter("lamp-1", filter));

    [Fact]
    public void A_device_connects_only_as_its_thing_name()
    {
        Assert.True(DeviceRights.MayConnectAs("lamp-1", "lamp-1"));
        Assert.False(DeviceRights.MayConnectAs("lamp-1", "LAMP-1"));
        Assert.False(DeviceRights.MayConnectAs("lamp-1", "lamp-2"));
    }

    [Fact]
    public void Without_policies_the_built_in_answer_stands()
    {
        Assert.True(Decide([], "iot:Publish", Topic("things/lamp-1/state"), builtIn: true));
        Assert.False(Decide([], "iot:Publish", Topic("fleet/status"), builtIn: false));
    }

    [Fact]
    public void A_policy_grants_a_topic_beyond_the_own_ones_with_the_thing_name_variable()
    {
        var policy = Parse("""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":["iot:Publish","iot:Receive"],"Resource":"arn:aws:iot:*:111111111111:topic/fleet/${iot:Connection.Thing.ThingName}/*"},
              {"Effect":"Allow","Action":"iot:Subscribe","Resource":"arn:aws:iot:*:111111111111:topicfilter/fleet/*"}]}
            """);
        Assert.True(Decide([policy], "iot:Publish", Topic("fleet/lamp-1/status"), builtIn: false));
        Assert.True(Decide([policy], "iot:Receive", Topic("fleet/lamp-1/status"), builtIn: false));
        Assert.False(Decide([policy], "iot:Publish", Topic("fleet/lamp-2/status"), builtIn: false));
        Assert.True(Decide([policy], "iot:Subscribe", "arn:aws:iot:local:111111111111:topicfilter/fleet/#", builtIn: false));
        Assert.False(Decide([policy], "iot:RetainPublish", Topic("fleet/lamp-1/status"), builtIn: false));
    }

    [Fact]
    public void An_explicit_deny_wins_over_the_built_in_rights()
    {
        var policy = Parse("""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Deny","Action":"iot:Publish","Resource":"arn:aws:iot:*:*:topic/things/${iot:Connection.Thing.ThingName}/locked/*"}]}
            """);
        Assert.False(Decide([policy], "iot:Publish", Topic("things/lamp-1/locked/x"), builtIn: true));
        Assert.True(Decide([policy], "iot:Publish", Topic("things/lamp-1/open/x"), builtIn: true));
    }

    [Fact]
    public void A_policy_reads_the_thing_s_type_and_attributes_and_a_missing_attribute_matches_nothing()
    {
        var policy = Parse("""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"iot:Publish","Resource":"arn:aws:iot:*:111111111111:topic/sites/${iot:Connection.Thing.Attributes[site]}/*",
               "Condition":{"StringEquals":{"iot:Connection.Thing.ThingTypeName":"lamp"},"Bool":{"iot:Connection.Thing.IsAttached":"true"}}}]}
            """);
        var parisLamp = ThingPolicyKeys.Of("lamp", new Dictionary<string, string> { ["site"] = "paris" });
        Assert.True(Decide([policy], Topic("sites/paris/x"), parisLamp));
        Assert.False(Decide([policy], Topic("sites/lyon/x"), parisLamp));
        Assert.False(Decide([policy], Topic("sites/paris/x"), ThingPolicyKeys.Of("meter", new Dictionary<string, string> { ["site"] = "paris" })));
        Assert.False(Decide([policy], Topic("sites/paris/x"), ThingPolicyKeys.Of(null, new Dictionary<string, string> { ["site"] = "paris" })));
        // No site attribute: the variable has no value, so the Resource matches nothing (not even "sites//x").
        Assert.False(Decide([policy], Topic("sites//x"), ThingPolicyKeys.Of("lamp", new Dictionary<string, string>())));
    }

    private static bool Decide(IReadOnlyList<PolicyDocument> policies, string resource, IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> thingKeys) =>
        DevicePolicyEvaluator.Decide(
            Lamp, "arn:aws:iot:local:111111111111:thing/lamp-1", policies, "iot:Publish", resource, builtIn: false, Facts, DateTimeOffset.UtcNow, thingKeys);

    private static bool Decide(IReadOnlyList<PolicyDocument> policies, string action, string resource, bool builtIn) =>
        DevicePolicyEvaluator.Decide(Lamp, "arn:aws:iot:local:111111111111:thing/lamp-1", policies, action, resource, builtIn, Facts, DateTimeOffset.UtcNow);

    private static string Topic(string topic) => "arn:aws:iot:local:111111111111:topic/" + topic;

    private static PolicyDocument Parse(string json) => PolicyDocument.Parse(json, PolicyKind.Identity);
}

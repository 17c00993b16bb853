namespace Nuage.Storage.Tests;

using Nuage.Storage.Lifecycle;

/// <summary>How a rule dates an expiry and which objects its filter takes (AWS "Lifecycle configuration elements").</summary>
public sealed class LifecycleRuleTests
{
    private static readonly DateTimeOffset Written = new(2026, 3, 10, 15, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Days_count_from_the_write_and_round_up_to_the_next_midnight_utc()
    {
        var rule = new LifecycleRule("r", true, LifecycleFilter.All) { ExpirationDays = 2 };
        Assert.Equal(new DateTimeOffset(2026, 3, 13, 0, 0, 0, TimeSpan.Zero), rule.ExpiryOf(Written, TimeSpan.FromDays(1)));

        // A shortened test day is not rounded.
        Assert.Equal(Written.AddSeconds(2), rule.ExpiryOf(Written, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void A_date_wins_and_a_rule_without_expiration_dates_nothing()
    {
        var date = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(date, new LifecycleRule("d", true, LifecycleFilter.All) { ExpirationDate = date }.ExpiryOf(Written, TimeSpan.FromDays(1)));
        Assert.Null(new LifecycleRule("n", true, LifecycleFilter.All) { NoncurrentDays = 3 }.ExpiryOf(Written, TimeSpan.FromDays(1)));
    }

    [Fact]
    public void Filters_take_prefix_tags_and_sizes_together()
    {
        var filter = new LifecycleFilter("logs/", new Dictionary<string, string> { ["env"] = "dev" }, 10, 100);
        var tags = new Dictionary<string, string> { ["env"] = "dev", ["other"] = "x" };
        Assert.True(filter.Matches("logs/a", 50, tags));
        Assert.False(filter.Matches("data/a", 50, tags));
        Assert.False(filter.Matches("logs/a", 10, tags));
        Assert.False(filter.Matches("logs/a", 100, tags));
        Assert.False(filter.Matches("logs/a", 50, new Dictionary<string, string> { ["env"] = "prod" }));
        Assert.False(filter.Matches("logs/a", 50, null));
    }

    [Fact]
    public void The_earliest_matching_enabled_rule_decides_and_the_configuration_survives_its_stored_form()
    {
        var configuration = new LifecycleConfiguration([
            new LifecycleRule("late", true, LifecycleFilter.All) { ExpirationDays = 30 },
            new LifecycleRule("off", false, LifecycleFilter.All) { ExpirationDays = 1 },
            new LifecycleRule("soon", true, LifecycleFilter.All with { Prefix = "tmp/" }) { ExpirationDays = 2 },
        ]);
        var stored = LifecycleConfiguration.FromJson(configuration.ToJson());
        Assert.Equal("soon", stored.CurrentExpiry("tmp/x", 1, null, Written, TimeSpan.FromDays(1))?.Rule.Id);
        Assert.Equal("late", stored.CurrentExpiry("keep/x", 1, null, Written, TimeSpan.FromDays(1))?.Rule.Id);
    }
}

/// <summary>What the planner decides from a version listing (keys in order, newest first).</summary>
public sealed class LifecyclePlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_lone_delete_marker_goes_once_as_old_as_an_age_based_expiration_and_not_before()
    {
        var rules = new LifecycleConfiguration([new LifecycleRule("age", true, LifecycleFilter.All) { ExpirationDays = 5 }]);
        var planner = new LifecyclePlanner(rules, Now, TimeSpan.FromDays(1));
        planner.Add(Marker("old", Now.AddDays(-6)), null);
        planner.Add(Marker("young", Now.AddDays(-1)), null);
        planner.Add(Marker("shadowing", Now.AddDays(-9)), null);
        planner.Add(Version("shadowing", "v1", latest: false, Now.AddDays(-10)), null);
        planner.Finish();
        Assert.Equal(["old"], planner.Actions.OfType<LifecycleAction.RemoveExpiredMarker>().Select(a => a.Key));
    }

    [Fact]
    public void Noncurrent_versions_count_their_age_from_the_next_newer_version_and_the_newest_are_kept()
    {
        var rules = new LifecycleConfiguration([
            new LifecycleRule("nc", true, LifecycleFilter.All) { NoncurrentDays = 2, NewerNoncurrentVersions = 1 },
        ]);
        var planner = new LifecyclePlanner(rules, Now, TimeSpan.FromDays(1));
        planner.Add(Version("k", "v4", latest: true, Now.AddDays(-1)), null);
        planner.Add(Version("k", "v3", latest: false, Now.AddDays(-30)), null);
        planner.Add(Version("k", "v2", latest: false, Now.AddDays(-31)), null);
        planner.Add(Version("k", "v1", latest: false, Now.AddDays(-32)), null);
        planner.Finish();

        // v3 became noncurrent a day ago (when v4 was written): too young, and the one newest kept anyway. v2 and v1
        // became noncurrent 30 and 31 days ago.
        Assert.Equal(["v2", "v1"], planner.Actions.Select(a => a.VersionId));
    }

    private static Nuage.Storage.Objects.ObjectVersionSummary Marker(string key, DateTimeOffset at) =>
        new(key, "m-" + key, true, true, 0, string.Empty, at, "owner", null);

    private static Nuage.Storage.Objects.ObjectVersionSummary Version(string key, string id, bool latest, DateTimeOffset at) =>
        new(key, id, latest, false, 10, "etag", at, "owner", null);
}

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

namespace Nuage.Storage.Tests;

using Nuage.Storage.Objects;

public sealed class ConditionEvaluatorTests
{
    private const string ETag = "0123abcd";
    private static readonly DateTimeOffset Modified = new(2024, 5, 1, 12, 0, 0, 500, TimeSpan.Zero);
    private static readonly DateTimeOffset Before = Modified.AddHours(-1);
    private static readonly DateTimeOffset After = Modified.AddHours(1);

    public static TheoryData<string?, string?, DateTimeOffset?, DateTimeOffset?, ConditionOutcome> Cases => new()
    {
        { null, null, null, null, ConditionOutcome.Proceed },
        { "\"0123abcd\"", null, null, null, ConditionOutcome.Proceed },
        { "other", null, null, null, ConditionOutcome.PreconditionFailed },
        { "*", null, null, null, ConditionOutcome.Proceed },
        { "a, \"0123abcd\"", null, null, null, ConditionOutcome.Proceed },
        // S3: If-Match true and If-Unmodified-Since false => 200.
        { ETag, null, null, Before, ConditionOutcome.Proceed },
        { null, null, null, Before, ConditionOutcome.PreconditionFailed },
        { null, null, null, After, ConditionOutcome.Proceed },
        { null, ETag, null, null, ConditionOutcome.NotModified },
        { null, "W/\"0123abcd\"", null, null, ConditionOutcome.NotModified },
        // S3: If-None-Match false and If-Modified-Since true => 304.
        { null, ETag, Before, null, ConditionOutcome.NotModified },
        { null, "other", After, null, ConditionOutcome.Proceed },
        { null, null, After, null, ConditionOutcome.NotModified },
        { null, null, Before, null, ConditionOutcome.Proceed },
        // One-second resolution: If-Modified-Since equal to the truncated time is "not modified".
        { null, null, new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero), null, ConditionOutcome.NotModified },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Get_conditions_follow_rfc9110_order(string? ifMatch, string? ifNoneMatch, DateTimeOffset? ifModifiedSince, DateTimeOffset? ifUnmodifiedSince, ConditionOutcome expected) =>
        Assert.Equal(expected, ConditionEvaluator.Evaluate(new ReadConditions(ifMatch, ifNoneMatch, ifModifiedSince, ifUnmodifiedSince), ETag, Modified));

    [Fact]
    public void Copy_source_conditions_answer_412_where_get_answers_304()
    {
        Assert.Equal(ConditionOutcome.PreconditionFailed,
            ConditionEvaluator.EvaluateCopySource(new ReadConditions(null, ETag, Before, null), ETag, Modified));
        Assert.Equal(ConditionOutcome.Proceed,
            ConditionEvaluator.EvaluateCopySource(new ReadConditions(ETag, null, null, Before), ETag, Modified));
    }
}

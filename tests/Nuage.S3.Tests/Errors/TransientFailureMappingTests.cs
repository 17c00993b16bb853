using System.Data.Common;
using Nuage.Metadata;
using Nuage.S3.Errors;
using Xunit;

namespace Nuage.S3.Tests.Errors;

/// <summary>
/// The metadata store's transient failures (issue 18: PostgreSQL restarting or failing over, a write that kept
/// conflicting) become S3's 503 SlowDown, which SDKs retry; everything else stays what it was (500 InternalError).
/// </summary>
public sealed class TransientFailureMappingTests
{
    public static TheoryData<Exception> StoreTransients => new()
    {
        new MetadataUnavailableException("The metadata database is unreachable: Connection refused"),
        new MetadataConflictException("The metadata write conflicted with concurrent writes 5 times and was not committed.") { Attempts = 5 },
    };

    [Theory]
    [MemberData(nameof(StoreTransients))]
    public void The_stores_transient_failures_are_SlowDown_503(Exception failure)
    {
        var error = S3ErrorMapper.MapTransient(failure);

        Assert.NotNull(error);
        Assert.Equal("SlowDown", error.Code);
        Assert.Equal(503, error.Status);
        Assert.Equal("Please reduce your request rate.", error.DefaultMessage);
    }

    [Fact]
    public void Other_failures_are_not_transient()
    {
        Assert.Null(S3ErrorMapper.MapTransient(new InvalidOperationException("a bug")));
        Assert.Null(S3ErrorMapper.MapTransient(new NotSupportedException("PostgreSQL engine: not written yet")));
        Assert.Null(S3ErrorMapper.MapTransient(new PermanentDatabaseFailure()));
    }

    [Fact]
    public void A_client_is_told_when_to_come_back()
    {
        Assert.InRange(S3ErrorMapper.RetryAfterSeconds, 1, 5);
    }

    /// <summary>A database error that retrying will not cure (a constraint, a syntax error): not SlowDown.</summary>
    private sealed class PermanentDatabaseFailure() : DbException("duplicate key value violates unique constraint")
    {
        public override bool IsTransient => false;
    }
}

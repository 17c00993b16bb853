using System.Data.Common;
using Nuage.IamApi.Errors;
using Nuage.Metadata;

namespace Nuage.IamApi.Tests;

/// <summary>
/// The metadata store's transient failures (issue 18) become IAM's and STS's 503 ServiceUnavailable ("Common
/// Errors"), which SDKs retry; anything else stays an internal failure.
/// </summary>
public sealed class TransientFailureMappingTests
{
    public static TheoryData<Exception> StoreTransients => new()
    {
        new MetadataUnavailableException("The metadata database is unreachable: Connection refused"),
        new MetadataConflictException("The metadata write conflicted with concurrent writes 5 times and was not committed."),
    };

    [Theory]
    [MemberData(nameof(StoreTransients))]
    public void The_stores_transient_failures_are_ServiceUnavailable_503(Exception failure)
    {
        var error = QueryErrorMapper.MapTransient(failure);

        Assert.NotNull(error);
        Assert.Equal("ServiceUnavailable", error.Code);
        Assert.Equal(503, error.Status);
        Assert.Equal("Receiver", error.Type);
    }

    [Fact]
    public void Other_failures_are_not_transient()
    {
        Assert.Null(QueryErrorMapper.MapTransient(new InvalidOperationException("a bug")));
        Assert.Null(QueryErrorMapper.MapTransient(new PermanentDatabaseFailure()));
    }

    private sealed class PermanentDatabaseFailure() : DbException("duplicate key value violates unique constraint")
    {
        public override bool IsTransient => false;
    }
}

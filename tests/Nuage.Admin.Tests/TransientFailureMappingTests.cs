using System.Data.Common;
using Nuage.Admin.Errors;
using Nuage.Metadata;

namespace Nuage.Admin.Tests;

/// <summary>The metadata store's transient failures (issue 18) become the admin API's 503 ServiceUnavailable.</summary>
public sealed class TransientFailureMappingTests
{
    [Fact]
    public void The_stores_transient_failures_are_ServiceUnavailable_503()
    {
        Assert.Equal(AdminError.ServiceUnavailable, AdminErrorMapper.MapTransient(new MetadataUnavailableException()));
        Assert.Equal(AdminError.ServiceUnavailable, AdminErrorMapper.MapTransient(new MetadataConflictException()));
        Assert.Equal(503, AdminError.ServiceUnavailable.Status);
    }

    [Fact]
    public void Other_failures_are_not_transient()
    {
        Assert.Null(AdminErrorMapper.MapTransient(new InvalidOperationException("a bug")));
        Assert.Null(AdminErrorMapper.MapTransient(new PermanentDatabaseFailure()));
    }

    private sealed class PermanentDatabaseFailure() : DbException("duplicate key value violates unique constraint")
    {
        public override bool IsTransient => false;
    }
}

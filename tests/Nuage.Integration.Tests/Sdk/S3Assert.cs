using System.Net;
using Amazon.S3;
using Xunit;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>Assertions on the errors the AWS SDK reports, as parsed from S3's XML error document.</summary>
internal static class S3Assert
{
    /// <summary>
    /// The call fails with <paramref name="code"/> (the XML Code element as the SDK parsed it) and
    /// <paramref name="status"/>, and the error carries a request id.
    /// </summary>
    public static async Task<AmazonS3Exception> FailsAsync(string code, HttpStatusCode status, Func<Task> call)
    {
        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(call);
        Assert.Equal((code, status), (error.ErrorCode, error.StatusCode));
        Assert.False(string.IsNullOrEmpty(error.RequestId), "The error has no x-amz-request-id.");
        return error;
    }

    /// <summary>For HEAD and 304 answers, which have no body and so no error code: only the status is checked.</summary>
    public static async Task<AmazonS3Exception> FailsWithStatusAsync(HttpStatusCode status, Func<Task> call)
    {
        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(call);
        Assert.Equal(status, error.StatusCode);
        return error;
    }
}

using System.Net;
using Amazon.S3;

namespace Nuage.Integration.Tests.Access.Matrix;

/// <summary>Runs one request of a cell: allowed when it returns, denied on 403 AccessDenied; anything else fails the cell.</summary>
internal static class MatrixAttempt
{
    /// <summary>True when the call was refused with 403 AccessDenied (for HEAD, which has no body: status 403).</summary>
    public static async Task<bool> DeniedAsync(Func<Task> call, bool head = false)
    {
        try
        {
            await call();
            return false;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.Forbidden && (head || e.ErrorCode == "AccessDenied"))
        {
            return true;
        }
        catch (AmazonS3Exception e)
        {
            throw new Xunit.Sdk.XunitException($"Neither allowed nor AccessDenied: {(int)e.StatusCode} {e.ErrorCode}: {e.Message}");
        }
    }

    public static MatrixOutcome Outcome(bool denied) => denied ? MatrixOutcome.Deny : MatrixOutcome.Allow;

    /// <summary>
    /// For the bucket policy operations, which AWS refuses to another account's permitted identity with 405:
    /// Allow when the call returns, Deny on 403 AccessDenied, MethodNotAllowed on 405 MethodNotAllowed.
    /// </summary>
    public static async Task<MatrixOutcome> PolicyCallAsync(Func<Task> call)
    {
        try
        {
            await call();
            return MatrixOutcome.Allow;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.Forbidden && e.ErrorCode == "AccessDenied")
        {
            return MatrixOutcome.Deny;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.MethodNotAllowed && e.ErrorCode == "MethodNotAllowed")
        {
            return MatrixOutcome.MethodNotAllowed;
        }
        catch (AmazonS3Exception e)
        {
            throw new Xunit.Sdk.XunitException($"Neither allowed, AccessDenied nor MethodNotAllowed: {(int)e.StatusCode} {e.ErrorCode}: {e.Message}");
        }
    }
}

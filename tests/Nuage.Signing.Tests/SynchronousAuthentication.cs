using Microsoft.AspNetCore.Http;

namespace Nuage.Signing.Tests;

/// <summary>
/// The tests' way to authenticate: with an in-memory resolver the look-up, and so the whole verification, completes
/// synchronously (the allocation-free path the root key takes), which each call also checks.
/// </summary>
internal static class SynchronousAuthentication
{
    public static AuthenticatedRequest Authenticate(this SigV4Authenticator authenticator, HttpRequest request) =>
        Completed(authenticator.AuthenticateAsync(request, CancellationToken.None));

    public static AuthenticatedRequest Authenticate(this SigV2Verifier verifier, HttpRequest request, bool presigned, string? virtualHostBucket) =>
        Completed(verifier.AuthenticateAsync(request, presigned, virtualHostBucket, CancellationToken.None));

    private static AuthenticatedRequest Completed(ValueTask<AuthenticatedRequest> authentication)
    {
        Assert.True(authentication.IsCompleted, "An in-memory credential look-up must not make authentication asynchronous.");
        return authentication.GetAwaiter().GetResult();
    }
}

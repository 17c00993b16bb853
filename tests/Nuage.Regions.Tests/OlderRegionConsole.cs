using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Nuage.Regions.Tests;

/// <summary>
/// The console port of a region that runs a Nuage older than the sealed route, on 127.0.0.1 (a port the OS picks):
/// it serves only <c>PUT /api/federation/replicas/{bucket}</c>, which ignores the terms header as an old region did,
/// and answers every other path <c>404 NoSuchRoute</c> with the admin API's error document, as an old admin router
/// does. The bucket <see cref="MissingBucket"/> does not exist there (404 NoSuchBucket). Each request is recorded,
/// its body whole, so a test can read what crossed the wire.
/// </summary>
internal sealed class OlderRegionConsole : IAsyncDisposable
{
    public const string MissingBucket = "missing";

    private readonly WebApplication _app;

    private OlderRegionConsole(WebApplication app) => _app = app;

    public Uri Endpoint => new(_app.Urls.Single() + "/");

    /// <summary>Every request received, in order.</summary>
    public ConcurrentQueue<ReceivedPush> Received { get; } = new();

    /// <summary>The versions the old replicas route stored (the bucket and the bytes).</summary>
    public ConcurrentQueue<(string Bucket, byte[] Body)> Stored { get; } = new();

    public static async Task<OlderRegionConsole> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var console = new OlderRegionConsole(app);
        app.Run(console.AnswerAsync);
        await app.StartAsync();
        return console;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var request = context.Request;
        Received.Enqueue(new ReceivedPush(
            request.Method, request.Path.Value ?? "", request.ContentLength, body.ToArray(), request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString())));

        const string OldRoute = "/api/federation/replicas/";
        string path = request.Path.Value ?? "";
        if (request.Method != "PUT" || !path.StartsWith(OldRoute, StringComparison.Ordinal) || path.Length == OldRoute.Length)
        {
            await AnswerErrorAsync(context, "NoSuchRoute", $"There is no admin API endpoint at {path} (see docs/admin-api.md).");
            return;
        }

        string bucket = Uri.UnescapeDataString(path[OldRoute.Length..]);
        if (bucket == MissingBucket)
        {
            await AnswerErrorAsync(context, "NoSuchBucket", $"The bucket {bucket} does not exist.");
            return;
        }

        Stored.Enqueue((bucket, body.ToArray()));
        await context.Response.WriteAsJsonAsync(new { outcome = "Written" });
    }

    private static Task AnswerErrorAsync(HttpContext context, string code, string message)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return context.Response.WriteAsJsonAsync(new { error = new { code, message } });
    }
}

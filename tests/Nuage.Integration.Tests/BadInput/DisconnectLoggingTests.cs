using System.Net;
using System.Security.Cryptography;
using Nuage.Integration.Tests.Durability;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.BadInput;

/// <summary>
/// A client that goes away mid-upload is the client's doing, not a server failure: the S3 pipeline must not log it
/// as "Unexpected error" (with a stack trace) or try to answer InternalError on the dead connection. The server
/// logs asynchronously, so the log is checked once the server has stopped, after several disconnects.
/// </summary>
public sealed class DisconnectLoggingTests
{
    [Fact]
    public async Task Client_disconnects_mid_upload_are_not_logged_as_server_errors()
    {
        using var temp = new TempDirectory();
        var data = Path.Combine(temp.Path, "data");
        await using var server = await NuageProcess.StartAsync(data);
        using var http = new SignedHttpClient(server.Endpoint);
        Assert.Equal(HttpStatusCode.OK, await http.CreateBucketAsync("disconnects"));

        for (var i = 0; i < 10; i++)
        {
            // Reset while the server is reading the body: once its temporary file exists, the PUT handler is running.
            var head = RawHttp.SignedHead(http.Signer, server.Endpoint, "PUT", SigV4Signer.EncodePath("disconnects", $"cut-{i}"), null, 2 * 1024 * 1024);
            await RawHttp.ExchangeAsync(server.Endpoint, head, RandomNumberGenerator.GetBytes(1024 * 1024), BodyEnd.Abort,
                beforeEnd: () => BlobTempFiles.WaitUntilAnyAsync(data, TimeSpan.FromSeconds(10)));
            Assert.Empty(await BlobTempFiles.WaitUntilEmptyAsync(data, TimeSpan.FromSeconds(10)));
        }

        Assert.Empty(await BlobTempFiles.WaitUntilEmptyAsync(data, TimeSpan.FromSeconds(10)));
        Assert.Empty(await http.ListAllAsync("disconnects"));
        Assert.Equal(0, await server.StopAsync());
        var errors = server.Output.Where(l => l.Contains("fail:", StringComparison.Ordinal) || l.Contains("crit:", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, $"{errors.Count} error lines for 10 client disconnects:\n" + string.Join('\n', errors.Take(4)));
    }
}

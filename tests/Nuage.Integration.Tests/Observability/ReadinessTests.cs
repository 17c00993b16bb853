using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Observability;

/// <summary>
/// /health/ready (issue 14): ready only while the metadata store commits and the blob directory takes a write;
/// otherwise 503 naming the failing check, and ready again once the cause is gone. /health/live keeps answering.
/// Each test has its own server: what it breaks must not reach other tests.
/// </summary>
public sealed class ReadinessTests : IAsyncLifetime
{
    private readonly NuageServerFixture _server = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public Task InitializeAsync() => _server.InitializeAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Not_ready_while_another_process_holds_the_metadata_write_lock_and_ready_again_after()
    {
        var (status, body) = await ReadyAsync();
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("pass", body.GetProperty("checks").GetProperty("metadata").GetProperty("status").GetString());

        // An unhealthy check is logged as an error for the operator: expected here.
        _server.Server.ExpectErrorContaining("Health check metadata");
        var database = Path.Combine(_server.Server.DataDirectory, "metadata.db");
        await using (var holder = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await holder.OpenAsync();
            await using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE";
                await begin.ExecuteNonQueryAsync();
            }

            (status, body) = await ReadyAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("not ready", body.GetProperty("status").GetString());
            Assert.Contains("metadata", body.GetProperty("reason").GetString(), StringComparison.Ordinal);
            Assert.Equal("fail", body.GetProperty("checks").GetProperty("metadata").GetProperty("status").GetString());
            Assert.Equal("pass", body.GetProperty("checks").GetProperty("blobs").GetProperty("status").GetString());

            using var live = await _http.GetAsync(new Uri(_server.ConsoleEndpoint, "/health/live"));
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        await AssertBecomesReadyAsync();
    }

    [Fact]
    public async Task Not_ready_while_the_blob_directory_cannot_be_written_and_ready_again_after()
    {
        // Tests may run as root, for whom a directory's mode bits do not stop a write: the directory writes go to is
        // replaced by a plain file instead, which stops anyone.
        var temporary = Path.Combine(_server.Server.DataDirectory, "blobs", "tmp");
        var aside = temporary + ".aside";
        _server.Server.ExpectErrorContaining("Health check blobs");
        Directory.Move(temporary, aside);
        await File.WriteAllTextAsync(temporary, "not a directory");
        try
        {
            var (status, body) = await ReadyAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Contains("blobs", body.GetProperty("reason").GetString(), StringComparison.Ordinal);
            Assert.Equal("fail", body.GetProperty("checks").GetProperty("blobs").GetProperty("status").GetString());
            Assert.Contains("not writable", body.GetProperty("checks").GetProperty("blobs").GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal("pass", body.GetProperty("checks").GetProperty("metadata").GetProperty("status").GetString());
        }
        finally
        {
            File.Delete(temporary);
            Directory.Move(aside, temporary);
        }

        await AssertBecomesReadyAsync();
    }

    private async Task AssertBecomesReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        HttpStatusCode status;
        JsonElement body;
        do
        {
            (status, body) = await ReadyAsync();
            if (status == HttpStatusCode.OK)
            {
                Assert.Equal("ready", body.GetProperty("status").GetString());
                return;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"still not ready 20 s after the cause was removed: {body}");
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> ReadyAsync()
    {
        using var response = await _http.GetAsync(new Uri(_server.ConsoleEndpoint, "/health/ready"));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return (response.StatusCode, body);
    }
}

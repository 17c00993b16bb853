using Microsoft.Extensions.Logging;

namespace Nuage.Telemetry.Tests;

/// <summary>Request lines leave the request path through a queue, and none is lost at shutdown.</summary>
public sealed class RequestLogWriterTests
{
    [Fact]
    public async Task Every_queued_line_is_logged_in_order_by_the_time_the_writer_is_disposed()
    {
        var logger = new ListLogger(LogLevel.Information);
        var writer = new RequestLogWriter();
        for (int i = 0; i < 5000; i++)
        {
            writer.Write(logger, "PutObject", "b", 200, "-", "AK", i, 0, TimeSpan.FromMilliseconds(1.5), $"id-{i}");
        }

        await writer.DisposeAsync();
        Assert.Equal(5000, logger.Lines.Count);
        Assert.Equal("PutObject bucket=b status=200 error=- principal=AK bytes_in=0 bytes_out=0 duration_ms=1.5 request_id=id-0", logger.Lines[0]);
        Assert.EndsWith("request_id=id-4999", logger.Lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_is_queued_when_the_level_leaves_request_lines_out()
    {
        var logger = new ListLogger(LogLevel.Warning);
        var writer = new RequestLogWriter();
        writer.Write(logger, "GetObject", "b", 200, "-", "AK", 0, 10, TimeSpan.Zero, "id");
        await writer.DisposeAsync();
        Assert.Empty(logger.Lines);
    }

    [Theory]
    [InlineData(null, "-")]
    [InlineData("photos", "photos")]
    [InlineData("evil\nfake line", "evil?fake line")]
    [InlineData("tab\there\r", "tab?here?")]
    public void A_client_chosen_field_is_logged_as_one_printable_line(string? value, string logged) =>
        Assert.Equal(logged, RequestLog.Printable(value));

    /// <summary>A logger that keeps formatted Information lines, for the level it is given.</summary>
    private sealed class ListLogger(LogLevel minimum) : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
            {
                Lines.Add(formatter(state, exception));
            }
        }
    }
}

using System.Text;

namespace Nuage.Host;

/// <summary>
/// Standard output written in batches instead of one write(2) per line. With a request line per S3 request the
/// console logger's own output (Console.Out, auto-flushed) cost 15-20% of small-object throughput on a 2-core
/// machine (bench `--scenarios metrics`, docs/performance.md): one system call per line, and as many wake-ups for
/// whoever reads the pipe (journald, a container runtime). Lines are flushed when the buffer fills, every
/// <see cref="FlushInterval"/>, when the server writes its start-up lines, and at exit; a kill -9 can lose the
/// last interval's log lines, never data.
/// </summary>
internal sealed class BatchedConsoleOutput : IDisposable
{
    /// <summary>How long a line may wait in the buffer: short enough for `tail -f` and log shippers to feel live.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(100);

    private const int BufferBytes = 64 * 1024;

    private readonly TextWriter _original;
    private readonly TextWriter _writer;
    private readonly Timer _timer;

    private BatchedConsoleOutput()
    {
        _original = Console.Out;
        var stream = Console.OpenStandardOutput();
        var buffered = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), BufferBytes) { AutoFlush = false };

        // Console.SetOut wraps it in a synchronized writer: the logger's thread, the timer and Console.WriteLine share it.
        Console.SetOut(buffered);
        _writer = Console.Out;
        _timer = new Timer(static state => ((BatchedConsoleOutput)state!).Flush(), this, FlushInterval, FlushInterval);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Flush();
    }

    /// <summary>Replaces Console.Out; call before the logging providers are built, since they capture Console.Out.</summary>
    public static BatchedConsoleOutput Install() => new();

    public void Flush()
    {
        try
        {
            _writer.Flush();
        }
        catch (IOException)
        {
            // Standard output closed (the reader went away): there is no one left to write to.
        }
        catch (ObjectDisposedException)
        {
            // Flushed after disposal by the exit handler: already done.
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        Flush();
        Console.SetOut(_original);
    }
}

using System.Globalization;
using Nuage.Metadata.Postgres.MetadataMigration;

namespace Nuage.Host.AdminCli;

/// <summary>
/// `nuage admin migrate-metadata`'s progress on stderr: on a terminal one line redrawn in place (the table's rows
/// copied of its total, a bar, and the overall figures); redirected to a file or a pipe, a line per table as it ends
/// and at most one a second in between, so a log stays readable.
/// </summary>
public sealed class MigrationProgressBar(TextWriter output, bool interactive) : IMigrationProgress
{
    private const int BarWidth = 30;
    private long _lastDraw;
    private bool _lineOpen;

    public void Note(string message)
    {
        EndLine();
        output.WriteLine(message);
    }

    public void Copied(string table, long copied, long total, long overallCopied, long overallTotal)
    {
        bool tableDone = copied >= total;
        long now = Environment.TickCount64;
        if (!tableDone && now - _lastDraw < (interactive ? 100 : 1000))
        {
            return;
        }

        _lastDraw = now;
        string line = string.Create(CultureInfo.InvariantCulture,
            $"{table,-24} {copied,12:N0} / {total,-12:N0} {Bar(copied, total)} {Percent(copied, total),4}  overall {overallCopied:N0} / {overallTotal:N0} ({Percent(overallCopied, overallTotal)})");
        if (interactive)
        {
            output.Write("\r" + line + "\u001b[K");
            _lineOpen = true;
            if (tableDone)
            {
                EndLine();
            }
        }
        else
        {
            output.WriteLine(line);
        }

        output.Flush();
    }

    private void EndLine()
    {
        if (_lineOpen)
        {
            output.WriteLine();
            _lineOpen = false;
        }
    }

    private static string Bar(long done, long total)
    {
        int filled = total == 0 ? BarWidth : (int)(BarWidth * Math.Min(done, total) / total);
        return "[" + new string('#', filled) + new string('.', BarWidth - filled) + "]";
    }

    private static string Percent(long done, long total) =>
        (total == 0 ? 100 : 100 * Math.Min(done, total) / total).ToString(CultureInfo.InvariantCulture) + "%";
}

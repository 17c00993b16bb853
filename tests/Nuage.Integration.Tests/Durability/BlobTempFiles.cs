namespace Nuage.Integration.Tests.Durability;

/// <summary>
/// The blob store's temporary files: a body streams into DATA/blobs/tmp, is fsynced and renamed into place
/// (DESIGN.md invariant 2). Whatever is left there belongs to a write that never finished.
/// </summary>
public static class BlobTempFiles
{
    public static string DirectoryOf(string dataDirectory) => Path.Combine(dataDirectory, "blobs", "tmp");

    public static IReadOnlyList<string> List(string dataDirectory)
    {
        var directory = DirectoryOf(dataDirectory);
        return Directory.Exists(directory) ? Directory.GetFiles(directory, "*", SearchOption.AllDirectories) : [];
    }

    /// <summary>
    /// Waits until no temporary file is left, for cleanups that follow a client's disconnect and raise no event a
    /// test could await: a short poll, bounded by <paramref name="timeout"/>. Returns what is still there.
    /// </summary>
    public static async Task<IReadOnlyList<string>> WaitUntilEmptyAsync(string dataDirectory, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = List(dataDirectory);
            if (left.Count == 0 || DateTime.UtcNow >= deadline)
            {
                return left;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Committed blob files: DATA/blobs/xx/&lt;32 hex digits&gt;, one per blob-backed object version.</summary>
    public static int CountCommittedBlobs(string dataDirectory)
    {
        var root = Path.Combine(dataDirectory, "blobs");
        return Directory.EnumerateDirectories(root)
            .Where(d => Path.GetFileName(d).Length == 2 && Path.GetFileName(d).All(char.IsAsciiHexDigitLower))
            .SelectMany(Directory.EnumerateFiles)
            .Count(f => Path.GetFileName(f).Length == 32 && Path.GetFileName(f).All(char.IsAsciiHexDigit));
    }

    /// <summary>Waits (bounded poll) until a temporary file appears; false when none did within the timeout.</summary>
    public static async Task<bool> WaitUntilAnyAsync(string dataDirectory, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (List(dataDirectory).Count == 0)
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }
}

using System.Security.Cryptography;

namespace Nuage.Iam.Secrets;

/// <summary>
/// Creates a file readable by its owner only: written to a temporary file created with mode 0600 (never briefly
/// world-readable, as a chmod afterwards would be), flushed to disk, then renamed into place, so a crash never
/// leaves a half-written key file.
/// </summary>
internal static class OwnerOnlyFile
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/>; false when the file appeared meanwhile and <paramref name="replace"/> is false.</summary>
    public static bool WriteNew(string path, ReadOnlySpan<byte> content, bool replace = false)
    {
        var temp = path + ".tmp-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            try
            {
                File.Move(temp, path, overwrite: replace);
            }
            catch (IOException) when (!replace && File.Exists(path))
            {
                return false;
            }

            return true;
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}

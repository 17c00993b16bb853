namespace Nuage.Blobs;

using System.Runtime.InteropServices;

/// <summary>
/// fsync of a directory, which makes a rename into it durable (DESIGN.md invariants 2-3: after the 200 a power loss
/// must not lose the blob's name). .NET cannot open a directory as a FileStream or SafeFileHandle, so this is a
/// minimal P/Invoke to libc open/fsync/close. On Windows directory entries are journaled by NTFS and there is no
/// directory fsync: it is a no-op there.
/// </summary>
internal static partial class DirectoryFsync
{
    private const int ReadOnly = 0;

    public static void Sync(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        int fd = Open(directory, ReadOnly);
        if (fd < 0)
        {
            throw Error("open", directory);
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw Error("fsync", directory);
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    private static IOException Error(string call, string directory)
    {
        int errno = Marshal.GetLastPInvokeError();
        return new IOException($"{call}({directory}) failed: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}

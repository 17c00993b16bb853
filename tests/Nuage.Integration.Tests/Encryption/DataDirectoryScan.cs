using System.Text;

namespace Nuage.Integration.Tests.Encryption;

/// <summary>
/// Looks for a plaintext marker in every file of a data directory (blobs, the metadata database and its WAL), so a
/// test proves that encrypted bytes are not stored in the clear anywhere, inline rows included.
/// </summary>
internal static class DataDirectoryScan
{
    /// <summary>A marker that random payloads never contain by chance.</summary>
    public static byte[] Marker(string name) => Encoding.ASCII.GetBytes("NUAGE-PLAINTEXT-MARKER-" + name + "-");

    /// <summary>A payload of <paramref name="size"/> bytes with the marker repeated through it.</summary>
    public static byte[] Payload(byte[] marker, int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        for (int at = 0; at + marker.Length <= size; at += 4096)
        {
            marker.CopyTo(bytes, at);
        }

        return bytes;
    }

    /// <summary>The files under <paramref name="dataDirectory"/> whose bytes contain <paramref name="marker"/>.</summary>
    public static List<string> FilesContaining(string dataDirectory, byte[] marker)
    {
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(dataDirectory, "*", SearchOption.AllDirectories))
        {
            byte[] bytes;
            try
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                bytes = new byte[stream.Length];
                stream.ReadExactly(bytes);
            }
            catch (IOException)
            {
                continue;
            }

            if (bytes.AsSpan().IndexOf(marker) >= 0)
            {
                found.Add(Path.GetRelativePath(dataDirectory, file));
            }
        }

        return found;
    }
}

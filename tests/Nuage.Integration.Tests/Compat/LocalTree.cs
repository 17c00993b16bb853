using Nuage.Integration.Tests.Sdk;
using Xunit;

namespace Nuage.Integration.Tests.Compat;

/// <summary>
/// A folder of files written for a client to upload: nested folders, an empty file, names with spaces and
/// non-ASCII letters, and one file big enough that the clients upload it in parts.
/// </summary>
internal sealed class LocalTree
{
    /// <summary>Over 20 MiB and not a multiple of 5 MiB: five parts of 5 MiB, the last one short.</summary>
    public const int BigFileSize = 20 * TestBytes.MiB + 12_345;

    /// <summary>Parts of <see cref="BigFileSize"/> at a 5 MiB chunk size.</summary>
    public const int BigFileParts = 5;

    public const string BigFileName = "big.bin";

    private LocalTree(string root, IReadOnlyDictionary<string, byte[]> files)
    {
        Root = root;
        Files = files;
    }

    public string Root { get; }

    /// <summary>Relative path ('/'-separated) to content.</summary>
    public IReadOnlyDictionary<string, byte[]> Files { get; }

    public static LocalTree Create(string root, int seed)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["top.txt"] = "top level\n"u8.ToArray(),
            ["docs/readme.md"] = "# nested\n"u8.ToArray(),
            ["docs/deeper/still/leaf.bin"] = TestBytes.Random(3000, seed),
            ["docs/deeper/empty.txt"] = [],
            ["media/name with spaces.txt"] = "spaces\n"u8.ToArray(),
            ["media/été-ünïcode.txt"] = "non-ascii name\n"u8.ToArray(),
            ["media/medium.bin"] = TestBytes.Random(200 * TestBytes.KiB, seed + 1),
            [BigFileName] = TestBytes.Random(BigFileSize, seed + 2),
        };
        foreach (var (relative, content) in files)
        {
            var path = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, content);
        }

        return new LocalTree(root, files);
    }

    /// <summary>Every file under <paramref name="root"/> has the bytes of the file of the same name here, and no file is missing or extra.</summary>
    public void AssertSameFiles(string root)
    {
        var actual = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(Files.Keys, actual);
        foreach (var (relative, content) in Files)
        {
            var bytes = File.ReadAllBytes(Path.Combine(root, relative));
            Assert.True(content.AsSpan().SequenceEqual(bytes),
                $"{relative}: expected {content.Length} bytes (md5 {TestBytes.Md5Hex(content)}), got {bytes.Length} bytes (md5 {TestBytes.Md5Hex(bytes)})");
        }
    }
}

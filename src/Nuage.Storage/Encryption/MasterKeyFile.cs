namespace Nuage.Storage.Encryption;

using System.Security.Cryptography;

/// <summary>
/// DATA/encryption.key: the 256-bit master key that wraps every SSE-S3 data key. Created on first start with mode
/// 0600 from birth (written to a temporary file created with that mode, fsynced, renamed into place), never logged.
/// Losing it loses every SSE-S3 object, so docs/encryption.md asks operators to back it up apart from the data.
/// Beside it, DATA/encryption.key.id holds the key's fingerprint (not secret): a data directory restored without its
/// key, or given another one, then refuses to start instead of creating a new key under which every existing SSE-S3
/// object would read as corrupted.
/// </summary>
internal static class MasterKeyFile
{
    public const string FileName = "encryption.key";
    public const string FingerprintFileName = "encryption.key.id";

    public static byte[] LoadOrCreate(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        var idPath = Path.Combine(dataDirectory, FingerprintFileName);
        if (!File.Exists(path))
        {
            if (File.Exists(idPath))
            {
                throw new InvalidOperationException(
                    $"{path} is missing, but this data directory has used a master key ({File.ReadAllText(idPath).Trim()}). Restore it from its backup: without it no SSE-S3 object can be read. Nuage will not create a new one over it.");
            }

            Directory.CreateDirectory(dataDirectory);
            Create(path);
        }

        var key = File.ReadAllBytes(path);
        if (key.Length != 32)
        {
            throw new InvalidOperationException($"{path} must hold exactly 32 bytes; it holds {key.Length}. Restore it from a backup: without it no SSE-S3 object can be read.");
        }

        var fingerprint = Fingerprint(key);
        if (!File.Exists(idPath))
        {
            File.WriteAllText(idPath, fingerprint + "\n");
            Nuage.Blobs.DirectoryFsync.Sync(Path.GetDirectoryName(Path.GetFullPath(idPath))!);
        }
        else if (File.ReadAllText(idPath).Trim() != fingerprint)
        {
            throw new InvalidOperationException(
                $"{path} is not the master key this data directory used ({File.ReadAllText(idPath).Trim()}, found {fingerprint}). Restore the right key from its backup.");
        }

        return key;
    }

    /// <summary>The first 16 bytes of SHA-256 over a label and the key, in hex: names the key without revealing it.</summary>
    private static string Fingerprint(byte[] key) =>
        Convert.ToHexStringLower(SHA256.HashData([.. "nuage-master-key-id-v1"u8, .. key])[..16]);

    private static void Create(string path)
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
                stream.Write(RandomNumberGenerator.GetBytes(32));
                stream.Flush(flushToDisk: true);
            }

            try
            {
                File.Move(temp, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another instance created it first: theirs is the key.
                return;
            }

            // The rename must survive a power loss before any object depends on the key (DESIGN.md invariant 3).
            Nuage.Blobs.DirectoryFsync.Sync(Path.GetDirectoryName(Path.GetFullPath(path))!);
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

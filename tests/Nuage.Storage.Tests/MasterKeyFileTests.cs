namespace Nuage.Storage.Tests;

using Nuage.Storage.Encryption;

/// <summary>
/// The master key's fingerprint file: a data directory that has used a master key refuses to start without it, or
/// with another, rather than create a new key under which its SSE-S3 objects would read as corrupted.
/// </summary>
public sealed class MasterKeyFileTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "nuage-masterkey-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void A_missing_or_replaced_key_is_refused_once_the_directory_has_used_one()
    {
        _ = new EncryptionKeys(_directory);
        var keyPath = Path.Combine(_directory, "encryption.key");
        var original = File.ReadAllBytes(keyPath);
        Assert.True(File.Exists(Path.Combine(_directory, "encryption.key.id")));
        Assert.DoesNotContain(Convert.ToHexStringLower(original), File.ReadAllText(Path.Combine(_directory, "encryption.key.id")), StringComparison.Ordinal);

        // Restarts with the same key are fine.
        _ = new EncryptionKeys(_directory);

        File.Delete(keyPath);
        var missing = Assert.Throws<InvalidOperationException>(() => new EncryptionKeys(_directory));
        Assert.Contains("Restore it from its backup", missing.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(keyPath));

        File.WriteAllBytes(keyPath, new byte[32]);
        var other = Assert.Throws<InvalidOperationException>(() => new EncryptionKeys(_directory));
        Assert.Contains("is not the master key", other.Message, StringComparison.Ordinal);

        File.WriteAllBytes(keyPath, original);
        _ = new EncryptionKeys(_directory);
    }
}

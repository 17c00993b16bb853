namespace Nuage.Storage.Internal;

/// <summary>
/// Object key rules (AWS "Naming Amazon S3 objects"): at most 1024 bytes of UTF-8, not empty. A key with an
/// unpaired surrogate has no UTF-8 form at all, so it is rejected rather than silently replaced. Keys are never
/// turned into file paths (blob names are generated ids), so "../" in a key is only text.
/// </summary>
internal static class KeyRules
{
    public const int MaxKeyBytes = 1024;

    public static void Validate(string key)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new StorageException(StorageErrorCode.InvalidKey, "Object keys must not be empty.");
        }

        int bytes = 0;
        for (int i = 0; i < key.Length; i++)
        {
            char c = key[i];
            if (c < 0x80)
            {
                bytes++;
            }
            else if (c < 0x800)
            {
                bytes += 2;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < key.Length && char.IsLowSurrogate(key[i + 1]))
            {
                bytes += 4;
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                throw new StorageException(StorageErrorCode.InvalidKey, "Object keys must be valid Unicode (unpaired surrogate).");
            }
            else
            {
                bytes += 3;
            }
        }

        if (bytes > MaxKeyBytes)
        {
            throw new StorageException(StorageErrorCode.KeyTooLong, "Your key is too long: the maximum is 1024 bytes of UTF-8.");
        }
    }
}

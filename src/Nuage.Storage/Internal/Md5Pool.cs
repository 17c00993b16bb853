namespace Nuage.Storage.Internal;

using System.Collections.Concurrent;
using System.Security.Cryptography;

/// <summary>
/// Reusable MD5 contexts: every PUT needs one (the ETag) and creating one allocates a native context, which a
/// pool avoids on the hot path (DESIGN.md "Hot paths allocate nothing per request that a pool can provide").
/// </summary>
internal static class Md5Pool
{
    private const int MaxPooled = 64;
    private static readonly ConcurrentQueue<IncrementalHash> Pool = new();

    public static IncrementalHash Rent() =>
        Pool.TryDequeue(out var hash) ? hash : IncrementalHash.CreateHash(HashAlgorithmName.MD5);

    /// <summary>Returns a context; it must have been reset (GetHashAndReset) or be reset here.</summary>
    public static void Return(IncrementalHash hash, bool needsReset)
    {
        if (needsReset)
        {
            hash.GetHashAndReset();
        }

        if (Pool.Count < MaxPooled)
        {
            Pool.Enqueue(hash);
        }
        else
        {
            hash.Dispose();
        }
    }
}

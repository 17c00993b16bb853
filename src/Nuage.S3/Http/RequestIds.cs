using System.Security.Cryptography;

namespace Nuage.S3.Http;

/// <summary>
/// x-amz-request-id values: unique per process run (random 32-bit prefix) and cheap (a counter), 16 upper-case hex
/// characters like AWS's.
/// </summary>
public static class RequestIds
{
    private static readonly uint Prefix = (uint)RandomNumberGenerator.GetInt32(int.MaxValue);
    private static long counter;

    public static string Next()
    {
        var n = (uint)Interlocked.Increment(ref counter);
        return string.Create(16, (Prefix, n), static (span, state) =>
        {
            state.Prefix.TryFormat(span, out _, "X8");
            state.n.TryFormat(span[8..], out _, "X8");
        });
    }
}

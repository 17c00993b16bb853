namespace Nuage.Iot.Rules;

/// <summary>
/// Writes matched messages to <paramref name="Bucket"/> (the rule's account's own) as JSON-lines objects
/// <c>Prefix yyyy/MM/dd/HH/batch.jsonl</c>, a batch closed at <paramref name="MaxMessages"/> messages,
/// <paramref name="MaxBytes"/> bytes or when its oldest message is <paramref name="MaxAgeSeconds"/> old.
/// </summary>
public sealed record BucketAction(string Bucket, string Prefix, int MaxMessages, long MaxBytes, int MaxAgeSeconds)
{
    public const int DefaultMaxMessages = 10_000;
    public const long DefaultMaxBytes = 8L * 1024 * 1024;
    public const int DefaultMaxAgeSeconds = 60;
    public const int MaxMessagesLimit = 100_000;
    public const long MaxBytesLimit = 64L * 1024 * 1024;
    public const int MaxAgeLimit = 3600;
}

namespace Nuage.S3.Errors;

/// <summary>An S3 error decided in the front door itself (auth, parsing, routing): rendered as S3's XML error.</summary>
public sealed class S3Exception(S3Error error, string? message = null) : Exception(message ?? error.DefaultMessage)
{
    public S3Error Error { get; } = error;

    /// <summary>Extra elements of the error document (e.g. StringToSign for SignatureDoesNotMatch, ArgumentName).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Details { get; init; } = [];
}

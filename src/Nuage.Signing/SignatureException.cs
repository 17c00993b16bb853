namespace Nuage.Signing;

/// <summary>
/// An authentication failure, thrown by the authenticators and by the body streams they hand out (a chunk signature
/// or a content hash is only known to be wrong once the body is read). Doors catch it and render their own error.
/// </summary>
public sealed class SignatureException : Exception
{
    /// <param name="reason">The wording for this case, or null when the code says it all.</param>
    public SignatureException(SignatureErrorCode code, string? reason = null)
        : base(reason ?? code.ToString())
    {
        Code = code;
        Reason = reason;
    }

    public SignatureErrorCode Code { get; }

    /// <summary>
    /// The specific message (the wording S3 uses, which client authors search for), or null: the door then answers
    /// with its own default message for <see cref="Code"/>.
    /// </summary>
    public string? Reason { get; }

    /// <summary>Extra elements for the error document (StringToSign and CanonicalRequest for SignatureDoesNotMatch, ArgumentName, ...).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Details { get; init; } = [];
}

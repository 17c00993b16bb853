namespace Nuage.Signing;

/// <summary>
/// What the client claims, from the Authorization header or the X-Amz-* query: slices of the original strings, so
/// parsing allocates nothing.
/// </summary>
internal readonly struct SigV4Parameters
{
    public required bool Presigned { get; init; }
    public required ReadOnlyMemory<char> AccessKeyId { get; init; }

    /// <summary>"accesskey/date/region/service": what the signing key depends on.</summary>
    public required ReadOnlyMemory<char> SigningKeyId { get; init; }

    /// <summary>"date/region/service/aws4_request".</summary>
    public required ReadOnlyMemory<char> Scope { get; init; }
    public required ReadOnlyMemory<char> ScopeDate { get; init; }
    public required ReadOnlyMemory<char> Region { get; init; }
    public required ReadOnlyMemory<char> Service { get; init; }
    public required ReadOnlyMemory<char> SignedHeaders { get; init; }
    public required ReadOnlyMemory<char> Signature { get; init; }

    /// <summary>Seconds a presigned URL stays valid; 0 for header auth.</summary>
    public int ExpiresSeconds { get; init; }
}

namespace Nuage.Storage.Objects;

/// <summary>
/// A single-request write. <see cref="Body"/> is the decoded payload (aws-chunked framing already removed); the
/// service reads it to its end and aborts without committing if reading throws (a bad chunk signature, a SHA-256
/// mismatch or a client that went away all surface as exceptions from the stream).
/// ContentLength is the decoded length when known (Content-Length or x-amz-decoded-content-length); a body that
/// ends early fails with IncompleteBody. ContentMd5 is the raw 16 bytes of Content-Md5, verified (BadDigest).
/// </summary>
public sealed record PutObjectRequest(
    string Bucket,
    string Key,
    Stream Body,
    long? ContentLength,
    ObjectAttributes Attributes,
    byte[]? ContentMd5 = null,
    ChecksumInput? Checksum = null,
    WriteCondition? Condition = null,
    ObjectAccess? Access = null)
{
    /// <summary>A browser form upload (POST Object): its event is "s3:ObjectCreated:Post" rather than Put.</summary>
    public bool IsFormUpload { get; init; }

    /// <summary>Server-side encryption of the new object (SSE-S3, or SSE-C with its key); null stores it in the clear.</summary>
    public Nuage.Storage.Encryption.EncryptionRequest? Encryption { get; init; }
}

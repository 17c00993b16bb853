namespace Nuage.Storage.Objects;

/// <summary>
/// CopyObject. ReplaceAttributes null means the COPY metadata directive (source attributes kept); otherwise the
/// REPLACE directive with these. SourceConditions are the x-amz-copy-source-if-* headers (PreconditionFailed).
/// Checksum, when set, asks for a new additional checksum of that algorithm on the copy.
/// </summary>
public sealed record CopyObjectRequest(
    string SourceBucket,
    string SourceKey,
    string? SourceVersionId,
    string Bucket,
    string Key,
    ObjectAttributes? ReplaceAttributes,
    ReadConditions SourceConditions,
    ChecksumAlgorithm? ChecksumAlgorithm = null,
    ObjectAccess? Access = null)
{
    /// <summary>
    /// False (the COPY tagging directive) gives the copy the source's tags; true (REPLACE) the tags of
    /// <see cref="Access"/>, none when it has none.
    /// </summary>
    public bool ReplaceTags { get; init; }

    /// <summary>
    /// Encryption of the copy: a copy is encrypted only as asked here (the S3 door applies the header or the
    /// destination bucket's default), never as its source was (AWS CopyObject, "Server-side encryption").
    /// </summary>
    public Nuage.Storage.Encryption.EncryptionRequest? Encryption { get; init; }

    /// <summary>The key of an SSE-C source (x-amz-copy-source-server-side-encryption-customer-key).</summary>
    public Nuage.Storage.Encryption.CustomerKey? SourceCustomerKey { get; init; }

    /// <summary>Asked before an SSE-KMS source is read (the caller's kms:Decrypt on its key).</summary>
    public Nuage.Storage.Encryption.Kms.KmsUseCheck? SourceKmsCheck { get; init; }
}

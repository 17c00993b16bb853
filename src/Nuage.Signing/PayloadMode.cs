namespace Nuage.Signing;

/// <summary>How the body is protected, from x-amz-content-sha256 (or UNSIGNED-PAYLOAD for presigned URLs).</summary>
internal enum PayloadMode
{
    /// <summary>A hex SHA-256 of the whole body, checked when the body has been read to its end.</summary>
    Sha256,
    Unsigned,

    /// <summary>aws-chunked, each chunk signed (STREAMING-AWS4-HMAC-SHA256-PAYLOAD).</summary>
    StreamingSigned,

    /// <summary>aws-chunked, each chunk signed, then signed trailing headers.</summary>
    StreamingSignedTrailer,

    /// <summary>aws-chunked without signatures, then trailing headers (the default of current AWS SDKs for PUT).</summary>
    StreamingUnsignedTrailer,
}

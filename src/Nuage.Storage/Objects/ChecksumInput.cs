namespace Nuage.Storage.Objects;

/// <summary>
/// A checksum the client asked for on a write. <see cref="ExpectedValue"/> is called once the body has been read to
/// its end, because with aws-chunked trailers (STREAMING-UNSIGNED-PAYLOAD-TRAILER) the value arrives after the data.
/// It returns the base64 digest to verify, or null to compute and store without verifying.
/// </summary>
public sealed record ChecksumInput(ChecksumAlgorithm Algorithm, Func<string?> ExpectedValue);

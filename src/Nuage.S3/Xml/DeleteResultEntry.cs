using Nuage.S3.Errors;

namespace Nuage.S3.Xml;

/// <summary>One key's outcome in a DeleteResult: Deleted when Error is null, else an Error element with its code.</summary>
public sealed record DeleteResultEntry(string Key, string? VersionId, S3Error? Error = null, string? Message = null);

namespace Nuage.Admin.Json;

/// <summary>The code (IAM's, the signature's, or the admin door's own) and a message saying what to fix.</summary>
public sealed record ErrorDetail(string Code, string Message);

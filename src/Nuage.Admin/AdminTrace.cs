namespace Nuage.Admin;

/// <summary>What the request log line says of one admin API request, filled in as the pipeline learns it.</summary>
internal sealed class AdminTrace
{
    /// <summary>Named in place of the action when the request was refused before its route was found.</summary>
    public const string Unrouted = "unrouted";

    /// <summary>The route's policy action (admin:CreateAccount, iam:CreateUser, ...).</summary>
    public string? Action { get; set; }

    /// <summary>The access key id that signed the request (never its secret).</summary>
    public string? AccessKeyId { get; set; }

    /// <summary>The error code answered, if any.</summary>
    public string? ErrorCode { get; set; }
}

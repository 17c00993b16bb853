namespace Nuage.IamApi;

/// <summary>What the request log line says of one IAM or STS request, filled in as the pipeline learns it.</summary>
internal sealed class QueryTrace
{
    /// <summary>The Action parameter; null when the request was refused before it was read.</summary>
    public string? Action { get; set; }

    /// <summary>The access key id that signed the request (never its secret).</summary>
    public string? AccessKeyId { get; set; }

    /// <summary>The query API error code answered, if any.</summary>
    public string? ErrorCode { get; set; }
}

namespace Nuage.IamApi.Errors;

/// <summary>A request the door refuses before or instead of calling a service (no Action, bad parameter, unknown action).</summary>
public sealed class QueryApiException : Exception
{
    public QueryApiException(QueryError error, string? message = null)
        : base(message ?? error?.DefaultMessage)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    public QueryApiException()
        : this(QueryError.InvalidRequest)
    {
    }

    public QueryApiException(string message)
        : this(QueryError.InvalidRequest, message)
    {
    }

    public QueryApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = QueryError.InvalidRequest;
    }

    public QueryError Error { get; }
}

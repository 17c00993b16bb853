namespace Nuage.Admin.Errors;

/// <summary>A request the admin door refuses on its own account (bad JSON, unknown route, denied), with its wire error.</summary>
public sealed class AdminException : Exception
{
    public AdminException(AdminError error, string message)
        : base(message)
    {
        Error = error;
    }

    public AdminException()
        : this(AdminError.InvalidInput, "The request is not valid.")
    {
    }

    public AdminException(string message)
        : this(AdminError.InvalidInput, message)
    {
    }

    public AdminException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = AdminError.InvalidInput;
    }

    public AdminError Error { get; }
}

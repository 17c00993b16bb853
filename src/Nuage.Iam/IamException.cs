namespace Nuage.Iam;

/// <summary>A refused IAM operation: the code says which IAM error it is, the message what to fix.</summary>
public sealed class IamException : Exception
{
    public IamException(IamErrorCode code, string message)
        : base(message)
    {
        Code = code;
    }

    public IamException()
        : this(IamErrorCode.ValidationError, "The request is not valid.")
    {
    }

    public IamException(string message)
        : this(IamErrorCode.ValidationError, message)
    {
    }

    public IamException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = IamErrorCode.ValidationError;
    }

    public IamErrorCode Code { get; }
}

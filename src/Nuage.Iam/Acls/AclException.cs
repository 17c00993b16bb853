namespace Nuage.Iam.Acls;

/// <summary>
/// An ACL, canned ACL name or grant header that S3 would refuse. <see cref="Code"/> tells the front door which S3
/// error to answer; the message is meant for the client.
/// </summary>
public sealed class AclException : Exception
{
    public AclException(AclErrorCode code, string message)
        : base(message)
    {
        Code = code;
    }

    public AclException()
        : this(AclErrorCode.InvalidArgument, "Invalid Argument")
    {
    }

    public AclException(string message)
        : this(AclErrorCode.InvalidArgument, message)
    {
    }

    public AclException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = AclErrorCode.InvalidArgument;
    }

    public AclErrorCode Code { get; }
}

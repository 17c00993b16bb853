namespace Nuage.Iam.Policies;

/// <summary>
/// A policy document that AWS would refuse (S3's MalformedPolicy, IAM's MalformedPolicyDocument). The message says
/// what is wrong in AWS's words where AWS has words for it, so a front door can pass it on unchanged.
/// </summary>
public sealed class MalformedPolicyException : Exception
{
    public MalformedPolicyException()
        : base("Invalid policy syntax.")
    {
    }

    public MalformedPolicyException(string message)
        : base(message)
    {
    }

    public MalformedPolicyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

using Nuage.Iam.Policies;

namespace Nuage.Iam.Management;

/// <summary>
/// Checks a policy document before it is stored: valid grammar for its kind (MalformedPolicyDocument with the
/// parser's reason) and within IAM's size quota, counted without whitespace as IAM counts it (LimitExceeded).
/// </summary>
public static class PolicyValidation
{
    public static PolicyDocument Validate(string? document, PolicyKind kind, int maxSize, string what)
    {
        if (string.IsNullOrWhiteSpace(document))
        {
            throw new IamException(IamErrorCode.MalformedPolicyDocument, $"The {what} document is empty.");
        }

        if (PolicyDocument.CountSignificantCharacters(document) > maxSize)
        {
            throw new IamException(IamErrorCode.LimitExceeded, $"Cannot exceed quota for the {what} size: {maxSize} characters.");
        }

        try
        {
            return PolicyDocument.Parse(document, kind);
        }
        catch (MalformedPolicyException e)
        {
            throw new IamException(IamErrorCode.MalformedPolicyDocument, e.Message);
        }
    }
}

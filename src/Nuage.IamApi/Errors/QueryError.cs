namespace Nuage.IamApi.Errors;

/// <summary>
/// An error of AWS's query APIs: code, HTTP status, fault type (Sender: the caller's to fix; Receiver: ours) and
/// default message ("IAM API Reference: Common Errors" and each action's Errors section).
/// </summary>
public sealed record QueryError(string Code, int Status, string DefaultMessage, string Type = "Sender")
{
    // IAM's own codes (IamErrorCode).
    public static readonly QueryError NoSuchEntity = new("NoSuchEntity", 404, "The request was rejected because it referenced a resource entity that does not exist.");
    public static readonly QueryError EntityAlreadyExists = new("EntityAlreadyExists", 409, "The request was rejected because it attempted to create a resource that already exists.");
    public static readonly QueryError DeleteConflict = new("DeleteConflict", 409, "The request was rejected because it attempted to delete a resource that has attached subordinate entities.");
    public static readonly QueryError LimitExceeded = new("LimitExceeded", 409, "The request was rejected because it attempted to create resources beyond the current AWS account limits.");
    public static readonly QueryError MalformedPolicyDocument = new("MalformedPolicyDocument", 400, "The request was rejected because the policy document was malformed.");
    public static readonly QueryError InvalidInput = new("InvalidInput", 400, "The request was rejected because an invalid or out-of-range value was supplied for an input parameter.");
    public static readonly QueryError ValidationError = new("ValidationError", 400, "The input fails to satisfy the constraints specified by an AWS service.");
    public static readonly QueryError AccessDenied = new("AccessDenied", 403, "You do not have sufficient access to perform this action.");
    public static readonly QueryError ServiceUnavailable = new("ServiceUnavailable", 503, "The request has failed due to a temporary failure of the server.", "Receiver");

    // Common errors of every query API.
    public static readonly QueryError InvalidAction = new("InvalidAction", 400, "The action or operation requested is invalid. Verify that the action is typed correctly.");
    public static readonly QueryError MissingAction = new("MissingAction", 400, "The request is missing an action or a required parameter.");
    public static readonly QueryError MalformedQueryString = new("MalformedQueryString", 404, "The query string contains a syntax error.");
    public static readonly QueryError InvalidParameterValue = new("InvalidParameterValue", 400, "An invalid or out-of-range value was supplied for the input parameter.");
    public static readonly QueryError InternalFailure = new("InternalFailure", 500, "The request processing has failed because of an unknown error, exception or failure.", "Receiver");

    // Authentication (SignatureErrorCode).
    public static readonly QueryError MissingAuthenticationToken = new("MissingAuthenticationToken", 403, "Request is missing Authentication Token");
    public static readonly QueryError SignatureDoesNotMatch = new("SignatureDoesNotMatch", 403, "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
    public static readonly QueryError InvalidClientTokenId = new("InvalidClientTokenId", 403, "The security token included in the request is invalid.");
    public static readonly QueryError ExpiredToken = new("ExpiredToken", 403, "The security token included in the request is expired");
    public static readonly QueryError IncompleteSignature = new("IncompleteSignature", 400, "The request signature does not conform to AWS standards.");
    public static readonly QueryError RequestExpired = new("RequestExpired", 400, "Request has expired.");
    public static readonly QueryError InvalidRequest = new("InvalidRequest", 400, "The request is not valid.");
}

using Nuage.Iam;
using Nuage.IamApi.Errors;
using Nuage.Signing;

namespace Nuage.IamApi.Tests;

/// <summary>Every service and signature outcome maps to the IAM/STS error AWS documents, with its status.</summary>
public sealed class QueryErrorMapperTests
{
    public static TheoryData<IamErrorCode, string, int> IamCodes => new()
    {
        { IamErrorCode.NoSuchEntity, "NoSuchEntity", 404 },
        { IamErrorCode.EntityAlreadyExists, "EntityAlreadyExists", 409 },
        { IamErrorCode.DeleteConflict, "DeleteConflict", 409 },
        { IamErrorCode.LimitExceeded, "LimitExceeded", 409 },
        { IamErrorCode.MalformedPolicyDocument, "MalformedPolicyDocument", 400 },
        { IamErrorCode.InvalidInput, "InvalidInput", 400 },
        { IamErrorCode.ValidationError, "ValidationError", 400 },
        { IamErrorCode.AccessDenied, "AccessDenied", 403 },
        { IamErrorCode.ServiceUnavailable, "ServiceUnavailable", 503 },
    };

    public static TheoryData<SignatureErrorCode, string, int> SignatureCodes => new()
    {
        { SignatureErrorCode.SignatureDoesNotMatch, "SignatureDoesNotMatch", 403 },
        { SignatureErrorCode.InvalidAccessKeyId, "InvalidClientTokenId", 403 },
        { SignatureErrorCode.ExpiredRequest, "RequestExpired", 400 },
        { SignatureErrorCode.NotYetValid, "RequestExpired", 400 },
        { SignatureErrorCode.RequestTimeTooSkewed, "SignatureDoesNotMatch", 403 },
        { SignatureErrorCode.AuthorizationHeaderMalformed, "IncompleteSignature", 400 },
        { SignatureErrorCode.AuthorizationQueryParametersError, "IncompleteSignature", 400 },
        { SignatureErrorCode.InvalidArgument, "InvalidParameterValue", 400 },
        { SignatureErrorCode.InvalidRequest, "InvalidRequest", 400 },
        { SignatureErrorCode.AccessDenied, "AccessDenied", 403 },
        { SignatureErrorCode.MissingSecurityToken, "InvalidClientTokenId", 403 },
        { SignatureErrorCode.InvalidToken, "InvalidClientTokenId", 403 },
        { SignatureErrorCode.ExpiredToken, "ExpiredToken", 403 },
        { SignatureErrorCode.XAmzContentSHA256Mismatch, "SignatureDoesNotMatch", 403 },
        { SignatureErrorCode.IncompleteBody, "InvalidRequest", 400 },
    };

    [Theory]
    [MemberData(nameof(IamCodes))]
    public void Iam_code_maps_to_its_wire_error(IamErrorCode code, string wire, int status)
    {
        var error = QueryErrorMapper.Map(code);
        // A 5xx is the service's fault (Receiver), as in IAM's Common Errors; every other code is the caller's.
        Assert.Equal((wire, status, status >= 500 ? "Receiver" : "Sender"), (error.Code, error.Status, error.Type));
        Assert.False(string.IsNullOrEmpty(error.DefaultMessage));
    }

    [Theory]
    [MemberData(nameof(SignatureCodes))]
    public void Signature_code_maps_to_its_wire_error(SignatureErrorCode code, string wire, int status)
    {
        var error = QueryErrorMapper.Map(code);
        Assert.Equal((wire, status), (error.Code, error.Status));
        Assert.False(string.IsNullOrEmpty(error.DefaultMessage));
    }

    [Fact]
    public void The_tables_cover_every_member()
    {
        Assert.Equal(Enum.GetValues<IamErrorCode>().Order(), IamCodes.Select(row => (IamErrorCode)row[0]).Order());
        Assert.Equal(Enum.GetValues<SignatureErrorCode>().Order(), SignatureCodes.Select(row => (SignatureErrorCode)row[0]).Order());
    }
}

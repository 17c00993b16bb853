using Nuage.S3.Errors;
using Nuage.Signing;
using Nuage.Storage;
using Xunit;

namespace Nuage.S3.Tests.Errors;

public sealed class S3ErrorMapperTests
{
    public static TheoryData<StorageErrorCode> AllCodes()
    {
        var data = new TheoryData<StorageErrorCode>();
        foreach (var code in Enum.GetValues<StorageErrorCode>())
        {
            data.Add(code);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllCodes))]
    public void Every_storage_error_maps_to_an_aws_code_and_status(StorageErrorCode code)
    {
        var error = S3ErrorMapper.Map(code);
        Assert.False(string.IsNullOrWhiteSpace(error.Code));
        Assert.InRange(error.Status, 300, 599);
    }

    [Theory]
    [InlineData(StorageErrorCode.NoSuchKey, "NoSuchKey", 404)]
    [InlineData(StorageErrorCode.NoSuchBucket, "NoSuchBucket", 404)]
    [InlineData(StorageErrorCode.BucketNotEmpty, "BucketNotEmpty", 409)]
    [InlineData(StorageErrorCode.BadDigest, "BadDigest", 400)]
    [InlineData(StorageErrorCode.InvalidRange, "InvalidRange", 416)]
    [InlineData(StorageErrorCode.PreconditionFailed, "PreconditionFailed", 412)]
    [InlineData(StorageErrorCode.KeyTooLong, "KeyTooLongError", 400)]
    [InlineData(StorageErrorCode.EntityTooSmall, "EntityTooSmall", 400)]
    public void Storage_errors_use_the_codes_aws_documents(StorageErrorCode code, string awsCode, int status)
    {
        var error = S3ErrorMapper.Map(code);
        Assert.Equal(awsCode, error.Code);
        Assert.Equal(status, error.Status);
    }

    /// <summary>Every signature failure, with the code, status and default message S3 answers it with.</summary>
    public static TheoryData<SignatureErrorCode, string, int, string> SignatureErrors() => new()
    {
        { SignatureErrorCode.SignatureDoesNotMatch, "SignatureDoesNotMatch", 403, "The request signature we calculated does not match the signature you provided. Check your key and signing method." },
        { SignatureErrorCode.InvalidAccessKeyId, "InvalidAccessKeyId", 403, "The AWS Access Key Id you provided does not exist in our records." },
        { SignatureErrorCode.ExpiredRequest, "AccessDenied", 403, "Request has expired" },
        { SignatureErrorCode.NotYetValid, "AccessDenied", 403, "Access Denied" },
        { SignatureErrorCode.RequestTimeTooSkewed, "RequestTimeTooSkewed", 403, "The difference between the request time and the current time is too large." },
        { SignatureErrorCode.AuthorizationHeaderMalformed, "AuthorizationHeaderMalformed", 400, "The authorization header is malformed." },
        { SignatureErrorCode.AuthorizationQueryParametersError, "AuthorizationQueryParametersError", 400, "Error parsing the X-Amz-Credential parameter." },
        { SignatureErrorCode.InvalidArgument, "InvalidArgument", 400, "Invalid Argument" },
        { SignatureErrorCode.InvalidRequest, "InvalidRequest", 400, "Invalid Request" },
        { SignatureErrorCode.AccessDenied, "AccessDenied", 403, "Access Denied" },
        { SignatureErrorCode.MissingSecurityToken, "AccessDenied", 403, "Access Denied" },
        { SignatureErrorCode.InvalidToken, "InvalidToken", 400, "The provided token is malformed or otherwise invalid." },
        { SignatureErrorCode.ExpiredToken, "ExpiredToken", 400, "The provided token has expired." },
        { SignatureErrorCode.XAmzContentSHA256Mismatch, "XAmzContentSHA256Mismatch", 400, "The provided 'x-amz-content-sha256' header does not match what was computed." },
        { SignatureErrorCode.IncompleteBody, "IncompleteBody", 400, "You did not provide the number of bytes specified by the Content-Length HTTP header." },
    };

    [Fact]
    public void The_signature_table_lists_every_code()
    {
        var listed = SignatureErrors().Select(row => (SignatureErrorCode)row[0]).Order();

        Assert.Equal(Enum.GetValues<SignatureErrorCode>().Order(), listed);
    }

    [Theory]
    [MemberData(nameof(SignatureErrors))]
    public void Signature_errors_keep_the_codes_statuses_and_messages_S3_answers_with(SignatureErrorCode code, string awsCode, int status, string message)
    {
        var error = S3ErrorMapper.Map(code);

        Assert.Equal(awsCode, error.Code);
        Assert.Equal(status, error.Status);
        Assert.Equal(message, error.DefaultMessage);
    }
}

using Nuage.Admin.Errors;
using Nuage.Iam;
using Nuage.Signing;

namespace Nuage.Admin.Tests;

public sealed class AdminErrorMapperTests
{
    public static TheoryData<IamErrorCode> IamCodes() => [.. Enum.GetValues<IamErrorCode>()];

    public static TheoryData<SignatureErrorCode> SignatureCodes() => [.. Enum.GetValues<SignatureErrorCode>()];

    [Theory]
    [MemberData(nameof(IamCodes))]
    public void Every_iam_error_maps_to_its_own_code_and_a_client_status(IamErrorCode code)
    {
        var error = AdminErrorMapper.Map(code);
        Assert.Equal(code.ToString(), error.Code);

        // The one server-side failure: a control region out of reach, which the client may retry.
        if (code == IamErrorCode.ServiceUnavailable)
        {
            Assert.Equal(503, error.Status);
        }
        else
        {
            Assert.InRange(error.Status, 400, 499);
        }
    }

    [Theory]
    [MemberData(nameof(SignatureCodes))]
    public void Every_signature_error_is_a_400_or_a_403(SignatureErrorCode code)
    {
        var error = AdminErrorMapper.Map(code);
        Assert.Equal(code.ToString(), error.Code);
        Assert.Contains(error.Status, new[] { 400, 403 });
    }

    [Theory]
    [InlineData(IamErrorCode.NoSuchEntity, 404)]
    [InlineData(IamErrorCode.EntityAlreadyExists, 409)]
    [InlineData(IamErrorCode.DeleteConflict, 409)]
    [InlineData(IamErrorCode.MalformedPolicyDocument, 400)]
    [InlineData(IamErrorCode.AccessDenied, 403)]
    public void Iam_errors_use_the_statuses_iam_documents(IamErrorCode code, int status) =>
        Assert.Equal(status, AdminErrorMapper.Map(code).Status);

    [Fact]
    public void A_wrong_signature_is_forbidden() =>
        Assert.Equal(403, AdminErrorMapper.Map(SignatureErrorCode.SignatureDoesNotMatch).Status);
}

using Nuage.S3.Errors;
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
}

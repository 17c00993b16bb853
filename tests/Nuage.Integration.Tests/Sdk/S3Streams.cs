using Amazon.S3;
using Amazon.S3.Model;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>Small conveniences over the SDK calls most tests make.</summary>
internal static class S3Streams
{
    public static async Task<PutObjectResponse> PutBytesAsync(
        this IAmazonS3 s3, string bucket, string key, byte[] data, Action<PutObjectRequest>? configure = null)
    {
        var request = new PutObjectRequest { BucketName = bucket, Key = key, InputStream = new MemoryStream(data) };
        configure?.Invoke(request);
        return await s3.PutObjectAsync(request);
    }

    public static async Task<byte[]> GetBytesAsync(this IAmazonS3 s3, string bucket, string key)
    {
        using var response = await s3.GetObjectAsync(bucket, key);
        return await response.ReadAllAsync();
    }

    public static async Task<byte[]> ReadAllAsync(this GetObjectResponse response)
    {
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    /// <summary>Every key of a bucket, in the order ListObjectsV2 returns them, walking all pages.</summary>
    public static async Task<List<string>> ListAllKeysAsync(this IAmazonS3 s3, string bucket, string? prefix = null)
    {
        var keys = new List<string>();
        string? token = null;
        do
        {
            var page = await s3.ListObjectsV2Async(new ListObjectsV2Request
            {
                BucketName = bucket, Prefix = prefix, ContinuationToken = token,
            });
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);

        return keys;
    }
}

using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;

namespace Nuage.Integration.Tests.Iot;

/// <summary>Reads a rule's batch objects back with AWSSDK.S3: every key under a prefix and every JSON line in them.</summary>
public static class RuleBucketReader
{
    public static async Task<List<(string Key, List<JsonElement> Lines)>> ReadAsync(IAmazonS3 s3, string bucket, string prefix)
    {
        var objects = new List<(string, List<JsonElement>)>();
        string? token = null;
        do
        {
            var page = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = prefix, ContinuationToken = token });
            foreach (var entry in page.S3Objects ?? [])
            {
                using var response = await s3.GetObjectAsync(bucket, entry.Key);
                using var reader = new StreamReader(response.ResponseStream);
                string text = await reader.ReadToEndAsync();
                var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
                objects.Add((entry.Key, lines));
            }

            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);
        return objects;
    }

    /// <summary>Polls the bucket until <paramref name="done"/> holds for what it reads (the flusher works in the background), or fails after <paramref name="patience"/>.</summary>
    public static async Task<List<(string Key, List<JsonElement> Lines)>> WaitForAsync(
        IAmazonS3 s3, string bucket, string prefix, Func<List<(string Key, List<JsonElement> Lines)>, bool> done, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            var objects = await ReadAsync(s3, bucket, prefix);
            if (done(objects))
            {
                return objects;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The bucket {bucket}/{prefix} did not reach the expected state in {patience}: {objects.Sum(o => o.Lines.Count)} lines in {objects.Count} objects.");
            }

            await Task.Delay(100);
        }
    }
}

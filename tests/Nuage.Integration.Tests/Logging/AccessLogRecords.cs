using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Xunit;

namespace Nuage.Integration.Tests.Logging;

/// <summary>
/// Reads delivered access log objects back: lists the target bucket, fetches every log object and splits each line
/// into its 26 fields as a log reader would (brackets and double quotes group, a backslash escapes).
/// </summary>
internal static class AccessLogRecords
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>One record: the fields by their position in "Amazon S3 server access log format".</summary>
    public sealed record Record(IReadOnlyList<string> Fields, string LogKey)
    {
        public string BucketOwner => Fields[0];
        public string Bucket => Fields[1];
        public string Time => Fields[2];
        public string RemoteIp => Fields[3];
        public string Requester => Fields[4];
        public string RequestId => Fields[5];
        public string Operation => Fields[6];
        public string Key => Fields[7];
        public string RequestUri => Fields[8];
        public string Status => Fields[9];
        public string ErrorCode => Fields[10];
        public string BytesSent => Fields[11];
        public string ObjectSize => Fields[12];
        public string TotalTime => Fields[13];
        public string TurnAroundTime => Fields[14];
        public string Referer => Fields[15];
        public string UserAgent => Fields[16];
        public string VersionId => Fields[17];
        public string HostId => Fields[18];
        public string SignatureVersion => Fields[19];
        public string CipherSuite => Fields[20];
        public string AuthType => Fields[21];
        public string HostHeader => Fields[22];
        public string TlsVersion => Fields[23];
        public string AccessPointArn => Fields[24];
        public string AclRequired => Fields[25];
    }

    /// <summary>Every record delivered under <paramref name="prefix"/> of <paramref name="bucket"/> so far.</summary>
    public static async Task<List<Record>> ReadAsync(IAmazonS3 s3, string bucket, string prefix)
    {
        var records = new List<Record>();
        foreach (var key in await KeysAsync(s3, bucket, prefix))
        {
            using var response = await s3.GetObjectAsync(bucket, key);
            using var reader = new StreamReader(response.ResponseStream, Encoding.UTF8);
            var text = await reader.ReadToEndAsync();
            Assert.EndsWith("\n", text, StringComparison.Ordinal);
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                records.Add(new Record(Split(line), key));
            }
        }

        return records;
    }

    public static async Task<List<string>> KeysAsync(IAmazonS3 s3, string bucket, string prefix)
    {
        var listing = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = prefix });
        return (listing.S3Objects ?? []).Select(o => o.Key).ToList();
    }

    /// <summary>Polls until the records delivered so far satisfy <paramref name="done"/>; fails after a deadline, never sleeps a fixed time.</summary>
    public static async Task<List<Record>> WaitForAsync(IAmazonS3 s3, string bucket, string prefix, Func<List<Record>, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var records = await ReadAsync(s3, bucket, prefix);
            if (done(records))
            {
                return records;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The access log records under {bucket}/{prefix} never satisfied the test; got:\n"
                    + string.Join('\n', records.Select(r => string.Join(' ', r.Fields))));
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Splits a log line into fields: "[...]" and "..." are one field each, '\' escapes the next character.</summary>
    public static List<string> Split(string line)
    {
        var fields = new List<string>();
        var i = 0;
        while (i < line.Length)
        {
            var field = new StringBuilder();
            var close = line[i] switch { '[' => ']', '"' => '"', _ => ' ' };
            if (close != ' ')
            {
                i++;
            }

            while (i < line.Length && line[i] != close)
            {
                if (line[i] == '\\' && close == '"' && i + 1 < line.Length)
                {
                    i++;
                }

                field.Append(line[i++]);
            }

            if (close != ' ')
            {
                i++; // the closing bracket or quote
            }

            i++; // the space between fields
            fields.Add(field.ToString());
        }

        Assert.True(fields.Count == 26, $"A log record has 26 fields, this one {fields.Count}: {line}");
        return fields;
    }
}

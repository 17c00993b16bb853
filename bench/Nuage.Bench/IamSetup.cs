using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace Nuage.Bench;

/// <summary>
/// Creates, through the IAM query API on the S3 port, the user the authorization benchmark signs as: ten managed
/// policies of twenty statements each attached to it (IAM's quota of attached policies), only one statement of
/// which grants the bench bucket, so every request walks every statement.
/// </summary>
public static class IamSetup
{
    public const int Policies = 10;
    public const int StatementsPerPolicy = 20;

    public static async Task<(string AccessKey, string SecretKey)> CreatePolicyHeavyUserAsync(
        Uri endpoint, string accessKey, string secretKey, string bucket)
    {
        var signer = new SigV4Signer(accessKey, secretKey, service: "iam");
        using var http = new HttpClient { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(30) };
        var user = "bench-user-" + DateTime.UtcNow.ToString("HHmmssfff", CultureInfo.InvariantCulture);
        await CallAsync(http, signer, "CreateUser", ("UserName", user));
        for (var p = 0; p < Policies; p++)
        {
            var document = PolicyDocument(bucket, p);
            var created = await CallAsync(http, signer, "CreatePolicy", ("PolicyName", $"{user}-{p}"), ("PolicyDocument", document));
            var arn = created.Descendants().First(e => e.Name.LocalName == "Arn").Value;
            await CallAsync(http, signer, "AttachUserPolicy", ("UserName", user), ("PolicyArn", arn));
        }

        var key = await CallAsync(http, signer, "CreateAccessKey", ("UserName", user));
        string Value(string name) => key.Descendants().First(e => e.Name.LocalName == name).Value;
        return (Value("AccessKeyId"), Value("SecretAccessKey"));
    }

    /// <summary>
    /// Twenty statements: Allows on other buckets with a condition, Denies on actions the benchmark never sends;
    /// the last policy's last statement is the one that grants GetObject and PutObject on the bench bucket.
    /// </summary>
    private static string PolicyDocument(string bucket, int policy)
    {
        var statements = new List<string>();
        for (var s = 0; s < StatementsPerPolicy; s++)
        {
            if (policy == Policies - 1 && s == StatementsPerPolicy - 1)
            {
                statements.Add($$"""{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::{{bucket}}/*"}""");
            }
            else if (s % 4 == 3)
            {
                statements.Add($$"""{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"arn:aws:s3:::{{bucket}}-{{policy}}-{{s}}"}""");
            }
            else
            {
                var condition = "{\"IpAddress\":{\"aws:SourceIp\":\"10." + policy.ToString(CultureInfo.InvariantCulture) + "."
                    + s.ToString(CultureInfo.InvariantCulture) + ".0/24\"}}";
                statements.Add($$"""{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::other-{{policy}}-{{s}}/home/*","Condition":""" + condition + "}");
            }
        }

        return """{"Version":"2012-10-17","Statement":[""" + string.Join(',', statements) + "]}";
    }

    private static async Task<XElement> CallAsync(HttpClient http, SigV4Signer signer, string action, params (string Name, string Value)[] parameters)
    {
        var form = "Action=" + action + "&Version=2010-05-08" + string.Concat(parameters.Select(p => "&" + p.Name + "=" + Uri.EscapeDataString(p.Value)));
        var body = Encoding.UTF8.GetBytes(form);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded") { CharSet = "utf-8" };
        request.RequestUri = new Uri(http.BaseAddress!, "/");
        signer.Sign(request, Convert.ToHexStringLower(SHA256.HashData(body)));
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"IAM {action}: {(int)response.StatusCode} {text}");
        }

        return XDocument.Parse(text).Root!;
    }
}

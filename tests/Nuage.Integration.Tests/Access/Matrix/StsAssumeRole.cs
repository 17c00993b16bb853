using System.Net;
using System.Text;
using System.Xml.Linq;
using Amazon.Runtime;
using Nuage.Testing;

namespace Nuage.Integration.Tests.Access.Matrix;

/// <summary>
/// STS AssumeRole on the S3 port as a form POST signed with the tests' own SigV4 signer (scope service "sts"), so
/// the test project needs no STS SDK package; the answer's Credentials become SDK session credentials.
/// </summary>
internal static class StsAssumeRole
{
    public static async Task<SessionAWSCredentials> AssumeAsync(
        Uri endpoint, string accessKey, string secretKey, string roleArn, string sessionName, string? sessionPolicy = null)
    {
        var form = new List<(string Name, string Value)>
        {
            ("Action", "AssumeRole"),
            ("Version", "2011-06-15"),
            ("RoleArn", roleArn),
            ("RoleSessionName", sessionName),
        };
        if (sessionPolicy is not null)
        {
            form.Add(("Policy", sessionPolicy));
        }

        var body = Encoding.UTF8.GetBytes(string.Join('&', form.Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value))));
        var signer = new SigV4Signer(accessKey, secretKey, service: "sts");
        using var request = signer.CreateRequest(endpoint, HttpMethod.Post, "/", body: body,
            headers: new Dictionary<string, string> { ["content-type"] = "application/x-www-form-urlencoded; charset=utf-8" });
        using var http = new HttpClient();
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"AssumeRole answered {(int)response.StatusCode}: {text}");
        }

        var credentials = XDocument.Parse(text).Descendants().Single(e => e.Name.LocalName == "Credentials");
        string Value(string name) => credentials.Elements().Single(e => e.Name.LocalName == name).Value;
        return new SessionAWSCredentials(Value("AccessKeyId"), Value("SecretAccessKey"), Value("SessionToken"));
    }
}

using System.Net;
using System.Text.Json;
using Xunit;

namespace Nuage.Integration.Tests.Admin;

/// <summary>An admin API answer: status, parsed JSON (default for an empty body), and the text for failure messages.</summary>
public sealed record AdminResponse(HttpStatusCode Status, JsonElement Json, string Text)
{
    public string ErrorCode => Json.GetProperty("error").GetProperty("code").GetString()!;

    public string ErrorMessage => Json.GetProperty("error").GetProperty("message").GetString()!;

    public AdminResponse Expect(HttpStatusCode status)
    {
        Assert.True(Status == status, $"expected {(int)status} {status}, got {(int)Status} {Status}: {Text}");
        return this;
    }

    public AdminResponse ExpectError(HttpStatusCode status, string code)
    {
        Expect(status);
        Assert.True(ErrorCode == code, $"expected error {code}: {Text}");
        return this;
    }

    public string String(params string[] path)
    {
        var element = Json;
        foreach (var name in path)
        {
            element = element.GetProperty(name);
        }

        return element.GetString()!;
    }
}

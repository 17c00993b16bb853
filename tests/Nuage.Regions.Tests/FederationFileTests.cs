namespace Nuage.Regions.Tests;

using Nuage.Regions.Federation;

public sealed class FederationFileTests
{
    private const string ThreeRegions = """
        # The issue's three data centers.
        control: paris
        regions:
          - name: paris
            s3: https://s3.paris.example.net
            console: https://console.paris.example.net
          - name: dubai
            s3: http://10.1.0.2:9000
            console: http://10.1.0.2:9001
          - name: singapore
            s3: http://127.0.0.1:19000/
            console: http://127.0.0.1:19001
        """;

    [Fact]
    public void A_valid_file_gives_every_region_the_control_region_and_this_one()
    {
        var federation = FederationFile.Parse(ThreeRegions, "federation.yml", "dubai");

        Assert.Equal(["paris", "dubai", "singapore"], federation.Regions.Select(r => r.Name));
        Assert.Equal("paris", federation.Control.Name);
        Assert.Equal("dubai", federation.Local.Name);
        Assert.False(federation.IsControl);
        Assert.Equal(new Uri("http://10.1.0.2:9000"), federation.Local.S3Endpoint);
        Assert.Equal(new Uri("https://console.paris.example.net"), federation.Find("paris")!.ConsoleEndpoint);
        Assert.True(FederationFile.Parse(ThreeRegions, "federation.yml", "paris").IsControl);
        Assert.Null(federation.Find("tokyo"));
    }

    [Fact]
    public void Every_problem_is_reported_at_once_naming_the_region_and_the_field()
    {
        var error = Assert.Throws<FederationFileException>(() => FederationFile.Parse("""
            control: lyon
            regions:
              - name: Paris
                s3: ftp://s3.paris.example.net
                console: https://console.paris.example.net/admin
              - name: dubai
                console: http://10.1.0.2:9001
              - name: dubai
                s3: http://10.1.0.3:9000
                console: http://10.1.0.2:9001
            """, "fed.yml", "singapore"));

        Assert.Equal("fed.yml", error.Path);
        Assert.Equal(
            [
                "region 'Paris': the name must be lowercase letters, digits and hyphens (at most 63, not starting or ending with a hyphen).",
                "region 'Paris': 's3' must be an http:// or https:// address with a host and an optional port, nothing after it (got 'ftp://s3.paris.example.net').",
                "region 'Paris': 'console' must be an http:// or https:// address with a host and an optional port, nothing after it (got 'https://console.paris.example.net/admin').",
                "region 'dubai' has no 's3' endpoint.",
                "'control' names 'lyon', which 'regions' does not list.",
                "this server's region 'singapore' (--region) is not listed; the file lists dubai.",
            ],
            error.Problems);
        Assert.StartsWith("Federation file fed.yml has 6 problems:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_names_and_shared_endpoints_are_refused()
    {
        var error = Assert.Throws<FederationFileException>(() => FederationFile.Parse("""
            control: paris
            regions:
              - { name: paris, s3: "http://127.0.0.1:9000", console: "http://127.0.0.1:9001" }
              - { name: paris, s3: "http://127.0.0.1:9100", console: "http://127.0.0.1:9000" }
            """, "fed.yml", "paris"));

        Assert.Equal(
            [
                "region 'paris' is listed 2 times; names are unique.",
                "endpoint http://127.0.0.1:9000/ is given more than once (paris, paris); every region has its own S3 and console endpoints.",
            ],
            error.Problems);
    }

    [Theory]
    [InlineData("", "'regions' lists no region; list each region with its name, s3 and console endpoints.")]
    [InlineData("regions: []\n", "'regions' lists no region; list each region with its name, s3 and console endpoints.")]
    [InlineData("control: paris\nregions:\n  - name: paris\n    s3: http://a:1\n    consol: http://a:2\n", "line 5, column 5: Property 'consol' not found; the keys are 'control', 'regions' and, per region, 'name', 's3' and 'console'.")]
    [InlineData("control: [paris]\n", "line 1, column 10: a list or mapping where a single value belongs, or the reverse")]
    [InlineData("control: 'paris\n", "line 1, column 10: While scanning a quoted scalar")]
    public void Files_that_are_not_a_federation_are_refused_with_where_and_why(string yaml, string expected)
    {
        var error = Assert.Throws<FederationFileException>(() => FederationFile.Parse(yaml, "fed.yml", "paris"));
        Assert.True(error.Problems[0].StartsWith(expected, StringComparison.Ordinal), error.Problems[0]);
    }

    [Fact]
    public void A_missing_file_says_so()
    {
        string path = Path.Combine(Path.GetTempPath(), "nuage-missing-" + Guid.NewGuid().ToString("N") + ".yml");
        var error = Assert.Throws<FederationFileException>(() => FederationFile.Load(path, "paris"));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_on_disk_loads()
    {
        string path = Path.Combine(Path.GetTempPath(), "nuage-federation-" + Guid.NewGuid().ToString("N") + ".yml");
        File.WriteAllText(path, ThreeRegions);
        try
        {
            Assert.Equal("singapore", FederationFile.Load(path, "singapore").Local.Name);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

using System.Text.Json;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Observability;

/// <summary>
/// One scrape of the console port's /metrics, parsed by the Prometheus project's parser (python3-prometheus-client,
/// Scripts/parse_metrics.py), not by a reader of our own: what it accepts is what Prometheus accepts.
/// </summary>
internal sealed class ScrapedMetrics
{
    private readonly List<Family> _families;

    private ScrapedMetrics(List<Family> families, string text)
    {
        _families = families;
        Text = text;
    }

    public string Text { get; }

    public IEnumerable<string> FamilyNames => _families.Select(f => f.Name);

    public static async Task<ScrapedMetrics> ScrapeAsync(Uri console)
    {
        using var http = new HttpClient { BaseAddress = console };
        using var response = await http.GetAsync("/metrics");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        return await ParseAsync(text);
    }

    public static async Task<ScrapedMetrics> ParseAsync(string text)
    {
        var input = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(input, text);
            var script = Path.Combine(AppContext.BaseDirectory, "Scripts", "parse_metrics.py");
            var result = await ChildProcess.RunAsync(
                "/bin/sh", ["-c", $"exec {ChildProcess.Find("/usr/bin/python3", "python3")} '{script}' < '{input}'"],
                new Dictionary<string, string?> { ["PYTHONDONTWRITEBYTECODE"] = "1" });
            Assert.True(result.ExitCode == 0, "The Prometheus parser rejected /metrics:\n" + result);
            var families = JsonSerializer.Deserialize<List<Family>>(result.StandardOutput, Json)!;
            return new ScrapedMetrics(families, text);
        }
        finally
        {
            File.Delete(input);
        }
    }

    public string TypeOf(string family) => Find(family).Type;

    public bool Has(string family) => _families.Any(f => f.Name == family);

    /// <summary>The value of the one sample named <paramref name="sample"/> whose labels include all of <paramref name="labels"/>.</summary>
    public double Value(string sample, params (string Name, string Value)[] labels)
    {
        var matches = Samples(sample, labels).ToList();
        Assert.True(matches.Count == 1, $"expected one sample {sample}{Describe(labels)}, found {matches.Count}");
        return matches[0].Value ?? double.NaN;
    }

    /// <summary>0 when no sample matches (a series not yet created), else as <see cref="Value"/>.</summary>
    public double ValueOrZero(string sample, params (string Name, string Value)[] labels) =>
        Samples(sample, labels).Any() ? Value(sample, labels) : 0;

    public IEnumerable<Sample> Samples(string sample, params (string Name, string Value)[] labels) =>
        _families.SelectMany(f => f.Samples)
            .Where(s => s.Name == sample && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value));

    private Family Find(string family) =>
        _families.SingleOrDefault(f => f.Name == family) ?? throw new Xunit.Sdk.XunitException($"/metrics has no family {family}");

    private static string Describe((string Name, string Value)[] labels) =>
        labels.Length == 0 ? "" : "{" + string.Join(",", labels.Select(l => $"{l.Name}=\"{l.Value}\"")) + "}";

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    internal sealed record Family(string Name, string Type, string Help, List<Sample> Samples);

    internal sealed record Sample(string Name, Dictionary<string, string> Labels, double? Value);
}

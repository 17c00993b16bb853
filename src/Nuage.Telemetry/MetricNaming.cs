using System.Text.RegularExpressions;

namespace Nuage.Telemetry;

/// <summary>
/// The naming scheme every Nuage metric follows (docs/metrics.md), checked when a family is created so a metric that
/// breaks it fails the server's first start in any test rather than reaching an operator's dashboards:
/// <c>nuage_&lt;subsystem&gt;_&lt;what&gt;_&lt;unit&gt;</c> in lower snake case, counters ending in <c>_total</c>, every other
/// family ending in its unit (Prometheus's naming practice: base units, plural unit names), and labels drawn from
/// a fixed list of bounded ones. No label may hold an object key, an access key or anything a client chooses
/// freely; <c>bucket</c> is allowed only on the per-bucket gauges.
/// </summary>
public static partial class MetricNaming
{
    /// <summary>Units a gauge or histogram name may end with. A new feature adds its unit here, with docs/metrics.md.</summary>
    public static readonly IReadOnlySet<string> Units = new HashSet<string>(StringComparer.Ordinal)
    {
        "seconds", "bytes", "objects", "blobs", "writes", "buckets", "uploads", "requests", "connections", "clients",
        "messages", "sessions", "subscriptions", "ratio", "info",
    };

    /// <summary>
    /// Label names with a bounded set of values. <c>operation</c> is an S3 (or later MQTT) operation name,
    /// <c>status_class</c> 2xx..5xx, <c>code</c> an error code of AWS's list, <c>target</c> what an fsync was for.
    /// </summary>
    public static readonly IReadOnlySet<string> BoundedLabels = new HashSet<string>(StringComparer.Ordinal)
    {
        "operation", "status_class", "code", "target", "kind", "result", "direction", "region", "reason",
        // An IoT rule, "account/name": made by administrators only and capped per account (docs/iot-rules.md "Metrics").
        "rule",
    };

    /// <summary>The one label whose values grow with the installation: allowed on per-bucket gauges only.</summary>
    public const string BucketLabel = "bucket";

    public static void CheckCounter(string name, IReadOnlyList<string> labels)
    {
        CheckShape(name);
        if (!name.EndsWith("_total", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Counter '{name}' must end in _total (docs/metrics.md).", nameof(name));
        }

        CheckLabels(name, labels, allowBucket: false);
    }

    public static void CheckHistogram(string name, IReadOnlyList<string> labels)
    {
        CheckShape(name);
        CheckUnit(name);
        CheckLabels(name, labels, allowBucket: false);
    }

    public static void CheckGauge(string name, IReadOnlyList<string> labels, bool perBucket)
    {
        CheckShape(name);
        CheckUnit(name);
        CheckLabels(name, labels, allowBucket: perBucket);
    }

    private static void CheckShape(string name)
    {
        if (!Shape().IsMatch(name))
        {
            throw new ArgumentException($"Metric '{name}' must be nuage_<subsystem>_<what>_<unit> in lower snake case (docs/metrics.md).", nameof(name));
        }
    }

    private static void CheckUnit(string name)
    {
        var unit = name[(name.LastIndexOf('_') + 1)..];
        if (!Units.Contains(unit))
        {
            throw new ArgumentException($"Metric '{name}' must end in its unit, one of: {string.Join(", ", Units)} (docs/metrics.md).", nameof(name));
        }
    }

    private static void CheckLabels(string name, IReadOnlyList<string> labels, bool allowBucket)
    {
        foreach (var label in labels)
        {
            if (label == BucketLabel ? !allowBucket : !BoundedLabels.Contains(label))
            {
                throw new ArgumentException(
                    $"Metric '{name}' may not have the label '{label}': labels must have a bounded set of values (docs/metrics.md).", nameof(labels));
            }
        }
    }

    [GeneratedRegex("^nuage_[a-z0-9]+(_[a-z0-9]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}

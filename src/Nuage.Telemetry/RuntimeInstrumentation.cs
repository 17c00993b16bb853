using System.Diagnostics.Metrics;
using Prometheus;

namespace Nuage.Telemetry;

/// <summary>
/// What the runtime reports about the process (CPU, memory, GC, thread pool, open connections), from its own
/// instrumentation rather than figures Nuage computes: prometheus-net's process collector (<c>process_*</c>,
/// <c>dotnet_*</c>) and two .NET meters bridged by prometheus-net's MeterAdapter, "System.Runtime" (GC, thread pool,
/// lock contention, exceptions; <c>system_runtime_dotnet_*</c>) and Kestrel's (active and queued connections;
/// <c>microsoft_aspnetcore_server_kestrel_kestrel_*</c>). They keep the names their libraries give them, outside the
/// nuage_ scheme. ASP.NET Core's per-request meter is left out: S3 requests are counted by the front door already,
/// and the adapter's cost per measurement would be paid on every request.
/// </summary>
public static class RuntimeInstrumentation
{
    private static readonly HashSet<string> Meters = new(StringComparer.Ordinal)
    {
        "System.Runtime",
        "Microsoft.AspNetCore.Server.Kestrel",
    };

    /// <summary>Starts publishing into <paramref name="metrics"/>; dispose the result at shutdown.</summary>
    public static IDisposable Start(NuageMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        DotNetStats.Register(metrics.Registry);
        return MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = metrics.Registry,
            // Set too: the adapter otherwise creates its families through prometheus-net's default factory, in the
            // static default registry that /metrics does not serve.
            MetricFactory = Metrics.WithCustomRegistry(metrics.Registry),
            InstrumentFilterPredicate = Wanted,
            ResolveHistogramBuckets = _ => MetricBuckets.LatencySeconds,
        });
    }

    private static bool Wanted(Instrument instrument) => Meters.Contains(instrument.Meter.Name);
}

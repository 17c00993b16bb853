namespace Nuage.Telemetry;

/// <summary>
/// A component whose figures are read at scrape time (it registers its <see cref="NuageMetrics.OnScrape(Func{CancellationToken, Task})"/>
/// callback when constructed). Registered as this interface, it is created by the composition root before the
/// server starts, so its families are served from the first scrape even if nothing else asked for it yet.
/// </summary>
public interface IMetricsSource;

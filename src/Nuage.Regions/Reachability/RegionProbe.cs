namespace Nuage.Regions.Reachability;

using System.Diagnostics;
using Nuage.Regions.Federation;

/// <summary>
/// Asks every other region of the federation whether it is up: GET /health/live on its console port (the liveness
/// check every Nuage serves, docs/admin-api.md "Health"), all regions at once, each within <see cref="Timeout"/>.
/// This region answers for itself without a request: it is the one answering. Without a federation the list is this
/// region alone.
/// </summary>
public sealed class RegionProbe(FederationMembership membership, HttpClient http)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<IReadOnlyList<RegionStatus>> ProbeAsync(CancellationToken cancellationToken)
    {
        if (membership.Config is not { } federation)
        {
            return [new RegionStatus(membership.LocalRegion, null, null, IsControl: true, IsLocal: true, Reachable: true, 0, null)];
        }

        return await Task.WhenAll(federation.Regions.Select(region => ProbeAsync(federation, region, cancellationToken))).ConfigureAwait(false);
    }

    private async Task<RegionStatus> ProbeAsync(FederationConfig federation, FederationRegion region, CancellationToken cancellationToken)
    {
        bool isControl = ReferenceEquals(region, federation.Control);
        if (ReferenceEquals(region, federation.Local))
        {
            return new RegionStatus(region.Name, region.S3Endpoint, region.ConsoleEndpoint, isControl, IsLocal: true, Reachable: true, 0, null);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        long started = Stopwatch.GetTimestamp();
        string? error;
        try
        {
            using var response = await http.GetAsync(new Uri(region.ConsoleEndpoint, "health/live"), deadline.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return new RegionStatus(region.Name, region.S3Endpoint, region.ConsoleEndpoint, isControl, IsLocal: false, Reachable: true,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds, null);
            }

            error = $"health/live answered {(int)response.StatusCode}";
        }
        catch (HttpRequestException e)
        {
            error = e.Message;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error = $"no answer within {Timeout.TotalSeconds:F0} s";
        }

        return new RegionStatus(region.Name, region.S3Endpoint, region.ConsoleEndpoint, isControl, IsLocal: false, Reachable: false, null, error);
    }
}

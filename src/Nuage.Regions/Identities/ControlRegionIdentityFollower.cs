namespace Nuage.Regions.Identities;

using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nuage.Iam.Federation;
using Nuage.Iam.Identities;
using Nuage.Regions.Federation;
using Nuage.Signing;

/// <summary>
/// A member region's copy of the control region's accounts and identities (docs/regions.md, "Identities"): asks the
/// control region's identity feed (<c>GET /api/federation/identities</c> on its console port, signed with SigV4 by the
/// operator root key, as the bucket registry is) and writes each new directory into this region's own identity
/// tables through <see cref="IdentityRegistry.ReplaceAsync"/>. Those tables are the cache: requests are authenticated
/// from them, and after a restart while the control region is out of reach they still hold its last directory.
/// </summary>
/// <remarks>
/// A long poll: the control region holds each request until its directory changes (or <see cref="PollWait"/>
/// passes), so a change reaches every region in about one round trip without a poll per second. After a failure the
/// next attempt is <see cref="RetryDelay"/> later, so a control region that comes back is followed again within a second.
/// </remarks>
public sealed partial class ControlRegionIdentityFollower : BackgroundService
{
    public static readonly TimeSpan PollWait = TimeSpan.FromSeconds(20);
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private static readonly TimeSpan ErrorLogInterval = TimeSpan.FromSeconds(30);

    private readonly FederationConfig _federation;
    private readonly IdentityRegistry _registry;
    private readonly IdentityFeedSealer _feedSealer;
    private readonly HttpClient _http;
    private readonly SigV4RequestSigner _signer;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _applyLock = new(1, 1);
    private (string Epoch, long Version)? _applied;
    private DateTimeOffset _lastErrorLogged = DateTimeOffset.MinValue;

    public ControlRegionIdentityFollower(
        FederationConfig federation, IdentityRegistry registry, IdentityFeedSealer feedSealer, string rootAccessKeyId, string rootSecretKey,
        TimeProvider time, ILogger<ControlRegionIdentityFollower> logger)
    {
        ArgumentNullException.ThrowIfNull(federation);
        ArgumentNullException.ThrowIfNull(registry);
        _federation = federation;
        _registry = registry;
        _feedSealer = feedSealer;
        _time = time;
        _logger = logger;
        _signer = new SigV4RequestSigner(rootAccessKeyId, rootSecretKey, federation.Control.Name, "nuage-admin");
        _http = new HttpClient { Timeout = PollWait + TimeSpan.FromSeconds(10) };

        // From the start: a change made here would be overwritten by the next copy, so none is made here.
        registry.FollowControlRegion(federation.Control.Name);
    }

    /// <summary>The control region's generation this region's copy was last brought to, or null before the first copy.</summary>
    public string? Generation => _applied is { } a ? a.Epoch + ":" + a.Version.ToString(CultureInfo.InvariantCulture) : null;

    /// <summary>When the control region last answered, or null when it has not since this process started.</summary>
    public DateTimeOffset? LastAnsweredAt { get; private set; }

    /// <summary>
    /// Brings this region's copy to the control region's current directory now: after a write forwarded there, so
    /// the client that made it finds it here at once (read-your-writes). Throws when the control region cannot answer.
    /// </summary>
    public Task CatchUpAsync(CancellationToken cancellationToken) => PollAsync(TimeSpan.Zero, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollAsync(PollWait, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                var now = _time.GetUtcNow();
                if (now - _lastErrorLogged >= ErrorLogInterval)
                {
                    _lastErrorLogged = now;
                    LogUnreachable(_logger, _federation.Control.Name, e.Message);
                }

                try
                {
                    await Task.Delay(RetryDelay, _time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task PollAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var since = wait > TimeSpan.Zero ? Generation : null;
        var path = "api/federation/identities?wait=" + ((int)wait.TotalSeconds).ToString(CultureInfo.InvariantCulture)
            + (since is null ? "" : "&since=" + Uri.EscapeDataString(since));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_federation.Control.ConsoleEndpoint, path));
        _signer.Sign(request, [], _time.GetUtcNow());
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new HttpRequestException($"its identity feed answered {(int)response.StatusCode}: {(text.Length <= 200 ? text : text[..200])}");
        }

        var document = await response.Content.ReadFromJsonAsync<IdentityFeedDocument>(Json, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException("The identity feed answered an empty document.");
        LastAnsweredAt = _time.GetUtcNow();
        await ApplyAsync(document, cancellationToken).ConfigureAwait(false);
    }

    private async Task ApplyAsync(IdentityFeedDocument document, CancellationToken cancellationToken)
    {
        var generation = ParseGeneration(document.Generation);
        await _applyLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A long poll answered before a catch-up but read after it carries an older directory of the same process:
            // never go back. Across a restart of the control region versions start again, and its first answer is taken.
            if (_applied is { } applied && applied.Epoch == generation.Epoch && generation.Version <= applied.Version)
            {
                return;
            }

            var directory = document.ToDirectory(_feedSealer.Sealer);
            if (await _registry.ReplaceAsync(directory, cancellationToken).ConfigureAwait(false))
            {
                LogCopied(_logger, _federation.Control.Name, document.Generation, directory.Accounts.Count, directory.AccessKeys.Count);
            }

            _applied = generation;
        }
        finally
        {
            _applyLock.Release();
        }
    }

    private static (string Epoch, long Version) ParseGeneration(string? generation)
    {
        var colon = generation?.LastIndexOf(':') ?? -1;
        if (colon <= 0 || !long.TryParse(generation.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new JsonException($"The identity feed's generation '{generation}' is not EPOCH:VERSION.");
        }

        return (generation![..colon], version);
    }

    public override void Dispose()
    {
        _http.Dispose();
        _applyLock.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Identities copied from the control region {Control} at generation {Generation}: {Accounts} accounts, {Keys} access keys")]
    private static partial void LogCopied(ILogger logger, string control, string generation, int accounts, int keys);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The control region {Control} cannot be asked for identities now; authenticating with this region's copy ({Reason})")]
    private static partial void LogUnreachable(ILogger logger, string control, string reason);
}

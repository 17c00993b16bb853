namespace Nuage.Admin.Health;

/// <summary>
/// Whether the region serves: ready once identities are loaded and the storage sweep has finished, not ready
/// again once shutdown begins (so a load balancer stops sending work while requests in flight finish).
/// </summary>
public sealed class ServiceReadiness
{
    private volatile bool _ready;

    public bool IsReady => _ready;

    public void MarkReady() => _ready = true;

    public void MarkStopping() => _ready = false;
}

namespace Nuage.Storage.Lifecycle;

/// <summary>What one lifecycle pass over one bucket did, for its log line and for tests.</summary>
public sealed record LifecyclePassResult(string Bucket, int ExpiredObjects, int RemovedNoncurrent, int RemovedMarkers, int AbortedUploads, int Locked)
{
    public bool DidAnything => ExpiredObjects + RemovedNoncurrent + RemovedMarkers + AbortedUploads + Locked > 0;
}

namespace Nuage.Storage.Replication;

/// <summary>What a replica write did: wrote the version, or found it there already (a retried push).</summary>
public enum ReplicaWriteOutcome
{
    Written,
    AlreadyPresent,
}

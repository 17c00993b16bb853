namespace Nuage.Storage.Replication;

/// <summary>
/// The values of x-amz-replication-status (AWS "Getting replication status information"): a source version is
/// PENDING until every rule's destination has it, then COMPLETED, or FAILED when a destination refused it for good;
/// a version written by replication is a REPLICA.
/// </summary>
public static class ReplicationStatuses
{
    public const string Pending = "PENDING";
    public const string Completed = "COMPLETED";
    public const string Failed = "FAILED";
    public const string Replica = "REPLICA";
}

namespace Nuage.S3.AccessLogging;

/// <summary>
/// Which date a PartitionedPrefix key carries (PartitionedPrefix, PartitionDateSource): EventTime, the time of the
/// logged requests, or DeliveryTime, the time the log object was written.
/// </summary>
public enum PartitionDateSource
{
    DeliveryTime,
    EventTime,
}

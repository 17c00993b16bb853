namespace Nuage.S3.AccessLogging;

/// <summary>
/// How log object keys are built (TargetObjectKeyFormat, "Log object key format" in "Amazon S3 server access
/// logging"): SimplePrefix (the default) is [TargetPrefix]YYYY-mm-DD-HH-MM-SS-UniqueString; PartitionedPrefix puts
/// [SourceAccountId]/[SourceRegion]/[SourceBucket]/YYYY/MM/DD/ between the prefix and that name.
/// </summary>
public enum AccessLogKeyFormat
{
    SimplePrefix,
    PartitionedPrefix,
}

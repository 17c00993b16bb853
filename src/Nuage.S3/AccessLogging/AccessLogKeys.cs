using System.Globalization;
using System.Security.Cryptography;

namespace Nuage.S3.AccessLogging;

/// <summary>
/// Keys of log objects ("Amazon S3 server access logging", log object key format):
/// SimplePrefix <c>[TargetPrefix]YYYY-mm-DD-HH-MM-SS-UniqueString</c>, PartitionedPrefix
/// <c>[TargetPrefix][SourceAccountId]/[SourceRegion]/[SourceBucket]/YYYY/MM/DD/YYYY-mm-DD-HH-MM-SS-UniqueString</c>.
/// The file name carries the delivery time; the partition folders carry the delivery date, or the records' own
/// date with PartitionDateSource EventTime. The unique string (16 random hex digits) keeps two objects written
/// in the same second apart.
/// </summary>
public static class AccessLogKeys
{
    public static string For(
        AccessLogConfiguration configuration, string sourceAccount, string sourceRegion, string sourceBucket, DateTimeOffset delivered, DateTimeOffset partitionDate)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var name = delivered.UtcDateTime.ToString("yyyy-MM-dd-HH-mm-ss", CultureInfo.InvariantCulture) + "-" + UniqueString();
        if (!configuration.IsPartitioned)
        {
            return configuration.TargetPrefix + name;
        }

        var day = partitionDate.UtcDateTime.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture);
        return $"{configuration.TargetPrefix}{sourceAccount}/{sourceRegion}/{sourceBucket}/{day}/{name}";
    }

    private static string UniqueString() => Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
}

namespace Nuage.Iam.Federation;

/// <summary>Which of the control region's endpoints a forwarded request goes to: the IAM API's or the admin API's.</summary>
public enum ControlRegionPort
{
    /// <summary>The S3 port, where the IAM query API is (scope service "iam").</summary>
    S3,

    /// <summary>The console port, where the admin API is.</summary>
    Console,
}

namespace Nuage.IamApi.Protocol;

/// <summary>The XML namespaces and API versions of the two query APIs ("IAM API Reference", "AWS STS API Reference").</summary>
public static class QueryNamespaces
{
    public const string IamVersion = "2010-05-08";
    public const string StsVersion = "2011-06-15";
    public const string Iam = "https://iam.amazonaws.com/doc/2010-05-08/";
    public const string Sts = "https://sts.amazonaws.com/doc/2011-06-15/";
}

namespace Nuage.Integration.Tests.Access.Matrix;

/// <summary>Which of account A's buckets a row is tried against.</summary>
public enum MatrixBucket
{
    /// <summary>Default settings (ACLs disabled, every Block Public Access setting on); its policy grants B's two named users.</summary>
    Private,

    /// <summary>Block Public Access deleted; its policy grants "*" s3:GetObject and s3:ListBucket.</summary>
    Public,

    /// <summary>The same public policy, with only RestrictPublicBuckets on.</summary>
    Restricted,
}

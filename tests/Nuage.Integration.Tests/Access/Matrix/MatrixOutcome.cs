namespace Nuage.Integration.Tests.Access.Matrix;

/// <summary>What a cell must observe.</summary>
public enum MatrixOutcome
{
    /// <summary>The operation really succeeds (and, for ListBuckets, the answer lists the bucket under test).</summary>
    Allow,

    /// <summary>403 AccessDenied (HEAD: status 403), and nothing changed.</summary>
    Deny,

    /// <summary>ListBuckets only: it succeeds, but the bucket under test is not listed (it is another account's).</summary>
    Hidden,

    /// <summary>
    /// 405 MethodNotAllowed, and nothing changed: a bucket policy operation by another account's identity that the
    /// policies would allow (AWS GetBucketPolicy: "not using an identity that belongs to the bucket owner's account").
    /// </summary>
    MethodNotAllowed,
}

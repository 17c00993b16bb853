namespace Nuage.Integration.Tests.Access.Matrix;

/// <summary>The rows of the authorization matrix (issue 13): who sends the request. Account A owns the buckets.</summary>
public enum MatrixPrincipal
{
    /// <summary>The installation's root key (the fixture's default credentials).</summary>
    Operator,

    /// <summary>Account A's root key: A owns every bucket under test.</summary>
    RootA,

    /// <summary>A user of A whose identity policy allows s3:* on the bucket and its objects, and ListAllMyBuckets.</summary>
    UserAAllowed,

    /// <summary>A user of A without any policy.</summary>
    UserANoPolicy,

    /// <summary>The allowing policy plus an explicit Deny of s3:* on the bucket and its objects.</summary>
    UserAAllowedThenDenied,

    /// <summary>Account B's root key: nothing of A's is granted to B.</summary>
    RootB,

    /// <summary>A user of B without any policy, not named by A.</summary>
    UserBNoGrant,

    /// <summary>A user of B named by A's bucket policy whose own identity policy allows the bucket too.</summary>
    UserBBothSides,

    /// <summary>A user of B whose identity policy allows A's bucket, but A's bucket policy does not name it.</summary>
    UserBIdentityOnly,

    /// <summary>A user of B named by A's bucket policy, without an identity policy of its own.</summary>
    UserBBucketPolicyOnly,

    /// <summary>A session of a role of A whose policy allows the bucket (STS AssumeRole by A's root).</summary>
    RoleSession,

    /// <summary>The same role, assumed with a session policy that allows s3:GetObject only.</summary>
    RoleSessionGetObjectOnly,

    /// <summary>No signature, on a bucket whose policy names no one public.</summary>
    AnonymousPrivate,

    /// <summary>No signature, on a bucket whose policy grants "*" s3:GetObject and s3:ListBucket (Block Public Access lifted).</summary>
    AnonymousPublic,

    /// <summary>No signature, on a bucket with the same public policy but RestrictPublicBuckets on.</summary>
    AnonymousRestricted,
}

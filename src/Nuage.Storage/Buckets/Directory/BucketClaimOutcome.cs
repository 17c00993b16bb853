namespace Nuage.Storage.Buckets.Directory;

/// <summary>What the control region answered a claim of a bucket name.</summary>
public enum BucketClaimOutcome
{
    /// <summary>The name was free and is now the caller's, in the caller's region.</summary>
    Claimed,

    /// <summary>
    /// The same account already holds the name in the same region: the local create decides (the bucket exists there,
    /// or an earlier release was lost and the name is taken up again). Not released if the local create fails.
    /// </summary>
    Reasserted,

    /// <summary>The same account holds the name in another region: BucketAlreadyOwnedByYou.</summary>
    OwnedByYouElsewhere,

    /// <summary>Another account holds the name: BucketAlreadyExists.</summary>
    TakenByOther,

    /// <summary>
    /// The owner is not an account of the federation (deleted after the request was authenticated): nothing was
    /// claimed, and the creator is answered as S3 answers a key that does not exist (403 InvalidAccessKeyId).
    /// </summary>
    OwnerUnknown,
}

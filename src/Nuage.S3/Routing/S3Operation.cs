namespace Nuage.S3.Routing;

/// <summary>
/// One S3 request in typed form (Garage's <c>Endpoint</c>): the operation and every parameter that a handler, the
/// authorizer or a policy condition reads, parsed and validated once by <see cref="S3Router"/>. Handlers take
/// these records and never re-read the query string.
/// </summary>
public abstract record S3Operation
{
    /// <summary>The operation's name in the S3 API reference.</summary>
    public abstract S3Action Action { get; }

    /// <summary>The bucket addressed, or null for service-level operations (ListBuckets).</summary>
    public virtual string? BucketName => null;

    /// <summary>The object key addressed, or null for bucket- and service-level operations.</summary>
    public virtual string? ObjectKey => null;
}

namespace Nuage.S3.Routing.Operations;

/// <summary>
/// A CORS preflight: OPTIONS on a bucket or an object path ("Appendix: OPTIONS object"). Its parameters are the
/// Origin, Access-Control-Request-Method and Access-Control-Request-Headers headers, which the handler reads so that
/// a missing one answers S3's 400 rather than a routing error.
/// </summary>
public sealed record OptionsObjectOperation(string Bucket, string? Key) : BucketOperation(Bucket)
{
    public override S3Action Action => S3Action.OptionsObject;

    public override string? ObjectKey => Key;
}

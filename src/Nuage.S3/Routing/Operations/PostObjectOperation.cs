namespace Nuage.S3.Routing.Operations;

/// <summary>
/// POST Object (POST /bucket with a multipart/form-data body): a browser upload whose key, credential and policy
/// come in the form, so the handler authenticates and authorizes it (as a PutObject of the form's key) itself.
/// </summary>
public sealed record PostObjectOperation(string Bucket) : BucketOperation(Bucket)
{
    public override S3Action Action => S3Action.PostObject;
}

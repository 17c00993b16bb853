namespace Nuage.Integration.Tests.Access.Matrix;

/// <summary>
/// The expected outcome of every cell, as data: A allow, D deny (403 AccessDenied, no trace), M 405 MethodNotAllowed (bucket policy operations, another account), H ListBuckets
/// succeeds without the bucket under test. Columns follow <see cref="MatrixOperation"/>; rows are
/// <see cref="MatrixPrincipal"/>. The rules are AWS's as docs/accounts-and-access.md describes them:
/// <list type="bullet">
/// <item>ListBuckets lists the requester's own account's buckets and needs s3:ListAllMyBuckets (resource "*", so a
/// Deny on the bucket's ARN does not touch it). The operator lists the operator account's buckets: A's is not among them.</item>
/// <item>CreateBucket names a new bucket outside every identity policy here ("mx-new-..."): only root users, which
/// need no policy in their own account, may create it. B's root creates a bucket of B's.</item>
/// <item>Same account: an identity Allow suffices, an explicit Deny wins. Another account: A's bucket policy and the
/// caller's identity policy must both allow. Anonymous: only a public bucket policy, and RestrictPublicBuckets
/// takes that away from everyone outside A.</item>
/// <item>GetBucketPolicy, PutBucketPolicy, DeleteBucketPolicy, GetBucketOwnershipControls and GetPublicAccessBlock
/// are for the owner's account only: a cross-account caller is refused even when both policies allow. For the bucket
/// policy operations that refusal is 405 MethodNotAllowed (M), as AWS answers a permitted identity of another
/// account; without permission it stays 403.</item>
/// <item>DeleteBucket has no such rule in AWS ("You must have the s3:DeleteBucket permission on the specified
/// bucket in a policy"), so B's user that both policies allow may delete A's empty bucket.</item>
/// <item>Nuage's deliberate difference: the operator (installation superuser) is allowed everything in every
/// account, owner-only operations included, whatever the policies say (docs/iam-policies.md).</item>
/// </list>
/// </summary>
public static class AuthorizationTable
{
    // Columns: ListBuckets CreateBucket HeadBucket GetBucketLocation GetBucketVersioning ListObjects ListObjectsV2
    // ListMultipartUploads PutObject GetObject HeadObject CopyObject DeleteObject DeleteObjects CreateMultipartUpload
    // UploadPart CompleteMultipartUpload AbortMultipartUpload ListParts UploadPartCopy GetBucketPolicy PutBucketPolicy
    // DeleteBucketPolicy GetBucketAcl GetObjectAcl GetBucketOwnershipControls GetPublicAccessBlock DeleteBucket.
    private const string Table = """
                               LB CB HB GL GV L1 L2 LM PO GO HO CO DO DS CM UP CP AM LP PC GP PP DP BA OA OC PA DB
        Operator               H  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A
        RootA                  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A
        UserAAllowed           A  D  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A
        UserANoPolicy          D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D
        UserAAllowedThenDenied A  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D
        RootB                  H  A  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D
        UserBNoGrant           D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D
        UserBBothSides         H  D  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  M  M  M  A  A  D  D  A
        UserBIdentityOnly      H  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D
        UserBBucketPolicyOnly  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D
        RoleSession            D  D  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A  A
        RoleSessionGetObjectOnly D  D  D  D  D  D  D  D  D  A  A  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D
        AnonymousPrivate       D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D
        AnonymousPublic        D  D  A  D  D  A  A  D  D  A  A  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D
        AnonymousRestricted    D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D
        """;

    private static readonly Dictionary<(MatrixPrincipal, MatrixOperation), MatrixOutcome> Cells = Parse();

    public static MatrixOutcome Expected(MatrixPrincipal principal, MatrixOperation operation) => Cells[(principal, operation)];

    /// <summary>Every cell: principal x operation.</summary>
    public static IEnumerable<(MatrixPrincipal Principal, MatrixOperation Operation)> All =>
        from principal in Enum.GetValues<MatrixPrincipal>()
        from operation in Enum.GetValues<MatrixOperation>()
        select (principal, operation);

    private static Dictionary<(MatrixPrincipal, MatrixOperation), MatrixOutcome> Parse()
    {
        var operations = Enum.GetValues<MatrixOperation>();
        var cells = new Dictionary<(MatrixPrincipal, MatrixOperation), MatrixOutcome>();
        foreach (var line in Table.Split('\n').Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var principal = Enum.Parse<MatrixPrincipal>(fields[0]);
            if (fields.Length != operations.Length + 1)
            {
                throw new InvalidOperationException($"The row {principal} has {fields.Length - 1} cells, not {operations.Length}.");
            }

            for (var i = 0; i < operations.Length; i++)
            {
                cells.Add((principal, operations[i]), fields[i + 1] switch
                {
                    "A" => MatrixOutcome.Allow,
                    "D" => MatrixOutcome.Deny,
                    "H" when operations[i] == MatrixOperation.ListBuckets => MatrixOutcome.Hidden,
                    "M" when operations[i] is MatrixOperation.GetBucketPolicy or MatrixOperation.PutBucketPolicy or MatrixOperation.DeleteBucketPolicy
                        => MatrixOutcome.MethodNotAllowed,
                    var other => throw new InvalidOperationException($"Bad cell {other} at {principal} x {operations[i]}."),
                });
            }
        }

        if (cells.Count != Enum.GetValues<MatrixPrincipal>().Length * operations.Length)
        {
            throw new InvalidOperationException("The table does not cover every principal.");
        }

        return cells;
    }
}

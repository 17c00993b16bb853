using Nuage.Integration.Tests.Access.Matrix;
using Xunit;

namespace Nuage.Integration.Tests.Access;

/// <summary>
/// Issue 13's authorization matrix, end to end: every S3 operation of the core, tried by each kind of principal
/// against a real server, must really succeed or be refused with AccessDenied and leave no trace, exactly as
/// <see cref="AuthorizationTable"/> says. One server and one set of principals serve every cell.
/// </summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixFixture fixture) : IClassFixture<AuthorizationMatrixFixture>
{
    public static TheoryData<MatrixPrincipal, MatrixOperation> Cells()
    {
        var cells = new TheoryData<MatrixPrincipal, MatrixOperation>();
        foreach (var (principal, operation) in AuthorizationTable.All)
        {
            cells.Add(principal, operation);
        }

        return cells;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Cell(MatrixPrincipal principal, MatrixOperation operation)
    {
        var expected = AuthorizationTable.Expected(principal, operation);
        var observed = await new MatrixCellRunner(fixture).RunAsync(principal, operation);
        Assert.True(expected == observed, $"{principal} x {operation}: expected {expected}, observed {observed}.");
    }
}

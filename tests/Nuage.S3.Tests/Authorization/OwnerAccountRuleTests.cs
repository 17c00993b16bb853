using Nuage.Iam;
using Nuage.S3.Authorization;
using Xunit;

namespace Nuage.S3.Tests.Authorization;

public sealed class OwnerAccountRuleTests
{
    private const string Owner = "111111111111";
    private const string Other = "222222222222";

    [Fact]
    public void The_operator_may_act_on_every_accounts_bucket()
    {
        var @operator = new Principal("000000000000", "AKOPERATOR", "operator") { Kind = PrincipalKind.Operator };
        Assert.True(OwnerAccountRule.Decide(@operator, Owner));
    }

    [Fact]
    public void The_owners_root_is_allowed_and_its_users_are_left_to_the_policies()
    {
        Assert.True(OwnerAccountRule.Decide(new Principal(Owner, "AKROOT", "root"), Owner));
        // Only the bucket-policy actions let the root past a Deny; the others leave it to the policies.
        Assert.Null(OwnerAccountRule.Decide(new Principal(Owner, "AKROOT", "root"), Owner, rootBypassesPolicy: false));
        var user = new Principal(Owner, "AKUSER", "alice") { Kind = PrincipalKind.User, UserName = "alice" };
        Assert.Null(OwnerAccountRule.Decide(user, Owner));
    }

    [Fact]
    public void Anonymous_and_other_accounts_are_refused_even_their_root()
    {
        Assert.False(OwnerAccountRule.Decide(null, Owner));
        Assert.False(OwnerAccountRule.Decide(new Principal(Other, "AKROOT", "root"), Owner));
        Assert.False(OwnerAccountRule.Decide(new Principal(Other, "AKUSER", "bob") { Kind = PrincipalKind.User, UserName = "bob" }, Owner));
    }
}

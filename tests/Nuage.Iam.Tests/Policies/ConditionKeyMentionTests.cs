using System.Net;
using Nuage.Iam.Authorization;
using Nuage.Iam.Policies;
using Nuage.Iam.Tests.Management;
using Nuage.Testing;

namespace Nuage.Iam.Tests.Policies;

/// <summary>
/// PolicyDocument.ReadsConditionKey and IAccessAuthorizer.MayReadConditionKey: what lets S3 skip reading an object's
/// tags (s3:ExistingObjectTag/&lt;key&gt;) when no policy that could decide the request has a condition on them.
/// </summary>
public sealed class ConditionKeyMentionTests
{
    private const string Prefix = "s3:ExistingObjectTag/";

    private static readonly PolicyDocument Mentions = PolicyDocument.Parse(
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"S3:existingobjecttag/team":"a"}}}]}""",
        PolicyKind.Resource);

    private static readonly PolicyDocument Silent = PolicyDocument.Parse(
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}""",
        PolicyKind.Resource);

    [Fact]
    public void A_document_reads_a_key_when_a_condition_names_it_in_any_case()
    {
        Assert.True(Mentions.ReadsConditionKey(Prefix));
        Assert.False(Silent.ReadsConditionKey(Prefix));
        Assert.True(Silent.ReadsConditionKey("aws:Secure"));
    }

    [Fact]
    public async Task The_authorizer_answers_from_the_policies_that_could_decide()
    {
        // Policy evaluation over a loaded registry, not storage: one engine is enough.
        await using var f = await IdentityFixture.StartAsync(MetadataEngine.Sqlite);
        IAccessAuthorizer authorizer = new AccessAuthorizer(f.Registry);
        var root = new Principal("111122223333", "AKIAROOT", "111122223333");

        // A root user on its own bucket without a bucket policy is decided without any policy.
        Assert.False(authorizer.MayReadConditionKey(Query(root, "111122223333", null), Prefix));
        Assert.True(authorizer.MayReadConditionKey(Query(root, "111122223333", Mentions), Prefix));
        Assert.False(authorizer.MayReadConditionKey(Query(null, "111122223333", Silent), Prefix));
        Assert.True(authorizer.MayReadConditionKey(Query(null, "111122223333", Mentions), Prefix));
    }

    private static AccessQuery Query(Principal? principal, string owner, PolicyDocument? policy) =>
        new(principal, "s3:GetObject", "arn:aws:s3:::b/k", IPAddress.Loopback, false, DateTimeOffset.UtcNow, ResourceOwnerAccountId: owner, ResourcePolicy: policy);
}

using System.Collections.Immutable;
using System.Text;
using Nuage.Iam.Identities;
using Nuage.IamApi.Errors;
using Nuage.IamApi.Protocol;
using Nuage.IamApi.Xml;

namespace Nuage.IamApi.Tests;

/// <summary>Golden documents, in the shapes of the IAM and STS API references' examples.</summary>
public sealed class QueryResponseWriterTests
{
    private const string Declaration = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";
    private static readonly DateTimeOffset Created = new(2013, 3, 4, 5, 6, 7, TimeSpan.Zero);

    [Fact]
    public void CreateUser_response()
    {
        var user = new IamUser("123456789012", "Bob", "AIDACKCEVSQ6C2EXAMPLE", "/division_abc/", Created, ImmutableSortedDictionary<string, string>.Empty, [], []);

        var xml = Write(QueryResponseWriter.Success("CreateUser", QueryNamespaces.Iam, "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE", x =>
        {
            x.Start("User");
            IamXml.User(x, user);
            x.End();
        }));

        Assert.Equal(
            Declaration + "<CreateUserResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><CreateUserResult><User>"
            + "<Path>/division_abc/</Path><UserName>Bob</UserName><UserId>AIDACKCEVSQ6C2EXAMPLE</UserId>"
            + "<Arn>arn:aws:iam::123456789012:user/division_abc/Bob</Arn><CreateDate>2013-03-04T05:06:07Z</CreateDate>"
            + "</User></CreateUserResult><ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ResponseMetadata></CreateUserResponse>",
            xml);
    }

    [Fact]
    public void Action_without_result_has_only_metadata()
    {
        Assert.Equal(
            Declaration + "<DeleteUserResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></DeleteUserResponse>",
            Write(QueryResponseWriter.Success("DeleteUser", QueryNamespaces.Iam, "r1", null)));
    }

    [Fact]
    public void List_with_members_string_list_and_paging()
    {
        var xml = Write(QueryResponseWriter.Success("ListUserPolicies", QueryNamespaces.Iam, "r2", x =>
        {
            x.Strings("PolicyNames", ["a", "b"]);
            new Paging<string>(["a", "b"], "c").Write(x);
        }));

        Assert.Contains("<ListUserPoliciesResult><PolicyNames><member>a</member><member>b</member></PolicyNames><IsTruncated>true</IsTruncated><Marker>c</Marker></ListUserPoliciesResult>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Policy_documents_are_url_encoded()
    {
        Assert.Equal("%7B%22Version%22%3A%20%222012-10-17%22%7D", IamXml.EncodeDocument("{\"Version\": \"2012-10-17\"}"));
    }

    [Fact]
    public void GetCallerIdentity_response_in_the_sts_namespace()
    {
        var xml = Write(QueryResponseWriter.Success("GetCallerIdentity", QueryNamespaces.Sts, "r3", x =>
        {
            x.Element("Arn", "arn:aws:iam::123456789012:user/Alice");
            x.Element("UserId", "AIDACKCEVSQ6C2EXAMPLE");
            x.Element("Account", "123456789012");
        }));

        Assert.Equal(
            Declaration + "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>"
            + "<Arn>arn:aws:iam::123456789012:user/Alice</Arn><UserId>AIDACKCEVSQ6C2EXAMPLE</UserId><Account>123456789012</Account>"
            + "</GetCallerIdentityResult><ResponseMetadata><RequestId>r3</RequestId></ResponseMetadata></GetCallerIdentityResponse>",
            xml);
    }

    [Fact]
    public void Error_response()
    {
        Assert.Equal(
            Declaration + "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type><Code>NoSuchEntity</Code>"
            + "<Message>The user with name bob cannot be found.</Message></Error><RequestId>r4</RequestId></ErrorResponse>",
            Write(QueryResponseWriter.Error(QueryNamespaces.Iam, QueryError.NoSuchEntity, "The user with name bob cannot be found.", "r4")));
    }

    private static string Write(byte[] document) => Encoding.UTF8.GetString(document);
}

using System.Text;
using Nuage.IamApi.Errors;
using Nuage.IamApi.Protocol;

namespace Nuage.IamApi.Tests;

public sealed class QueryRequestTests
{
    [Fact]
    public void Form_body_and_query_string_are_merged_and_decoded()
    {
        var request = QueryRequest.Parse("Version=2010-05-08", Encoding.UTF8.GetBytes("Action=PutUserPolicy&UserName=alice&PolicyDocument=%7B%22Version%22%3A%222012-10-17%22%7D&Path=%2Fa+b%2F"));

        Assert.Equal("PutUserPolicy", request.Action);
        Assert.Equal("2010-05-08", request.Version);
        Assert.Equal("{\"Version\":\"2012-10-17\"}", request.Get("PolicyDocument"));
        Assert.Equal("/a b/", request.Get("Path"));
        Assert.Null(request.Get("Marker"));
    }

    [Fact]
    public void Missing_action_is_MissingAction()
    {
        var error = Assert.Throws<QueryApiException>(() => QueryRequest.Parse(null, "UserName=x"u8).Action);
        Assert.Equal(QueryError.MissingAction, error.Error);
    }

    [Fact]
    public void Required_parameter_missing_or_empty_is_ValidationError_naming_it()
    {
        var request = QueryRequest.Parse(null, "Action=CreateUser&UserName="u8);
        var error = Assert.Throws<QueryApiException>(() => request.Require("UserName"));

        Assert.Equal(QueryError.ValidationError, error.Error);
        Assert.Contains("'userName'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parameter_given_twice_is_refused()
    {
        var error = Assert.Throws<QueryApiException>(() => QueryRequest.Parse("UserName=a", "Action=GetUser&UserName=b"u8));
        Assert.Equal(QueryError.InvalidParameterValue, error.Error);
    }

    [Theory]
    [InlineData("MaxItems=12", 12)]
    [InlineData("MaxItems=-3", -3)]
    public void Integers_parse(string query, int expected) =>
        Assert.Equal(expected, QueryRequest.Parse(query, []).GetInt("MaxItems"));

    [Fact]
    public void Non_integer_and_non_boolean_values_are_ValidationError()
    {
        var request = QueryRequest.Parse("MaxItems=ten&OnlyAttached=maybe", []);
        Assert.Equal(QueryError.ValidationError, Assert.Throws<QueryApiException>(() => request.GetInt("MaxItems")).Error);
        Assert.Equal(QueryError.ValidationError, Assert.Throws<QueryApiException>(() => request.GetBool("OnlyAttached", false)).Error);
    }

    [Fact]
    public void Body_that_is_not_UTF8_is_MalformedQueryString()
    {
        var error = Assert.Throws<QueryApiException>(() => QueryRequest.Parse(null, [0x41, 0xff, 0xfe]));
        Assert.Equal(QueryError.MalformedQueryString, error.Error);
    }

    [Fact]
    public void Pages_cut_by_marker_and_max_items()
    {
        var names = new[] { "d", "B", "a", "c", "e" };
        var first = Pages.Of(names, n => n, QueryRequest.Parse("MaxItems=2", []));
        Assert.Equal(["a", "B"], first.Items);
        Assert.Equal("c", first.NextMarker);
        var second = Pages.Of(names, n => n, QueryRequest.Parse("MaxItems=2&Marker=c", []));
        Assert.Equal(["c", "d"], second.Items);
        var last = Pages.Of(names, n => n, QueryRequest.Parse("MaxItems=2&Marker=e", []));
        Assert.Equal(["e"], last.Items);
        Assert.Null(last.NextMarker);
        Assert.Throws<QueryApiException>(() => Pages.Of(names, n => n, QueryRequest.Parse("MaxItems=0", [])));
    }
}

using Nuage.S3.Errors;
using Nuage.S3.Tagging;
using Nuage.S3.Xml;
using static Nuage.S3.Tests.Xml.XmlTestIo;

namespace Nuage.S3.Tests.Tagging;

public sealed class TaggingDocumentTests
{
    [Fact]
    public async Task A_tag_set_parses_renders_and_survives_the_query_string_form()
    {
        var parsed = TaggingDocument.Parse(
            await BodyAsync("<Tagging><TagSet><Tag><Key>project</Key><Value>blue sky</Value></Tag><Tag><Key>a/b:c</Key><Value></Value></Tag></TagSet></Tagging>"),
            TagSet.MaxObjectTags);
        Assert.Equal([new("project", "blue sky"), new("a/b:c", "")], parsed.Tags);
        Assert.Equal("project=blue%20sky&a%2Fb%3Ac=", parsed.ToQueryString());
        Assert.Equal(parsed.Tags, TagSet.FromQueryString(parsed.ToQueryString(), TagSet.MaxObjectTags).Tags);
        Assert.Equal(
            Declaration + "<Tagging xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><TagSet><Tag><Key>a/b:c</Key><Value /></Tag>"
            + "<Tag><Key>project</Key><Value>blue sky</Value></Tag></TagSet></Tagging>",
            Render(w => TaggingDocument.Write(w, parsed)));
    }

    [Theory]
    [InlineData("<Tagging><Tag><Key>a</Key><Value>b</Value></Tag></Tagging>")]
    [InlineData("<Tagging><TagSet><Tag><Key>a</Key></Tag></TagSet></Tagging>")]
    [InlineData("<TagSet><Tag><Key>a</Key><Value>b</Value></Tag></TagSet>")]
    public async Task A_document_out_of_schema_is_MalformedXML(string body)
    {
        var error = await Assert.ThrowsAsync<S3Exception>(async () => TaggingDocument.Parse(await BodyAsync(body), TagSet.MaxObjectTags));
        Assert.Equal("MalformedXML", error.Error.Code);
    }

    [Fact]
    public void The_rules_of_a_tag_set_are_InvalidTag()
    {
        static string Code(IReadOnlyList<KeyValuePair<string, string>> tags, int max) =>
            Assert.Throws<S3Exception>(() => TagSet.Create(tags, max)).Error.Code;

        var eleven = Enumerable.Range(0, 11).Select(i => new KeyValuePair<string, string>("k" + i, "v")).ToList();
        Assert.Equal("InvalidTag", Code(eleven, TagSet.MaxObjectTags));
        Assert.Equal(11, TagSet.Create(eleven, TagSet.MaxBucketTags).Count);
        Assert.Equal("InvalidTag", Code([new("k", "1"), new("k", "2")], TagSet.MaxObjectTags));
        Assert.Equal("InvalidTag", Code([new(new string('k', 129), "v")], TagSet.MaxObjectTags));
        Assert.Equal("InvalidTag", Code([new("k", new string('v', 257))], TagSet.MaxObjectTags));
        Assert.Equal("InvalidTag", Code([new("", "v")], TagSet.MaxObjectTags));
        Assert.Equal("InvalidTag", Code([new("k", "a<b")], TagSet.MaxObjectTags));
        Assert.Single(TagSet.Create([new(new string('k', 128), new string('v', 256))], TagSet.MaxObjectTags).Tags);
        Assert.Single(TagSet.Create([new("clé été", "valeur+1=@")], TagSet.MaxObjectTags).Tags);
    }
}

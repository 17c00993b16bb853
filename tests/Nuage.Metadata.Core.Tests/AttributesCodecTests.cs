namespace Nuage.Metadata.Core.Tests;

public sealed class AttributesCodecTests
{
    [Fact]
    public void No_user_metadata_is_stored_as_null()
    {
        var attributes = StoredAttributes.Empty with { ContentType = "text/plain" };

        Assert.Null(AttributesCodec.EncodeUserMetadata(attributes));
    }

    [Fact]
    public void All_null_columns_read_as_the_empty_attributes()
    {
        Assert.Same(StoredAttributes.Empty, AttributesCodec.Decode(null, null, null, null, null, null, null));
    }

    [Fact]
    public void User_metadata_round_trips_through_its_json_column()
    {
        var metadata = new Dictionary<string, string> { ["camera"] = "Ünïcode \"quoted\"", ["empty"] = string.Empty };
        var attributes = new StoredAttributes("image/jpeg", "gzip", "inline", "fr", "no-cache", "Wed, 21 Oct 2026 07:28:00 GMT", metadata);

        string? json = AttributesCodec.EncodeUserMetadata(attributes);
        var decoded = AttributesCodec.Decode(
            attributes.ContentType, attributes.ContentEncoding, attributes.ContentDisposition, attributes.ContentLanguage,
            attributes.CacheControl, attributes.Expires, json);

        Assert.NotNull(json);
        Assert.Equal(attributes with { UserMetadata = decoded.UserMetadata }, decoded);
        Assert.Equal(metadata, decoded.UserMetadata);
    }
}

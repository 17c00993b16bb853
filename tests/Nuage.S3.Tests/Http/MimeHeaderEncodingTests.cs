using Nuage.S3.Http;
using Xunit;

namespace Nuage.S3.Tests.Http;

public sealed class MimeHeaderEncodingTests
{
    [Theory]
    [InlineData("plain ascii value", "plain ascii value")]
    [InlineData("Hello World\u00e9", "=?UTF-8?B?SGVsbG8gV29ybGTDqQ==?=")]
    [InlineData("attachment; filename=\"r\u00e9sum\u00e9.pdf\"", "=?UTF-8?B?YXR0YWNobWVudDsgZmlsZW5hbWU9InLDqXN1bcOpLnBkZiI=?=")]
    [InlineData("line\nbreak", "=?UTF-8?B?bGluZQpicmVhaw==?=")]
    public void Only_values_that_are_not_printable_ascii_are_encoded(string value, string expected)
    {
        Assert.Equal(expected, MimeHeaderEncoding.Encode(value));
    }

    [Theory]
    [InlineData("=?UTF-8?B?SGVsbG8gV29ybGTDqQ==?=", "Hello World\u00e9")]
    [InlineData("=?utf-8?q?caf=C3=A9_au_lait?=", "caf\u00e9 au lait")]
    [InlineData("not encoded", "not encoded")]
    [InlineData("=?UTF-8?B?not base64!?=", "=?UTF-8?B?not base64!?=")]
    public void Encoded_words_decode_and_anything_else_is_kept(string value, string expected)
    {
        Assert.Equal(expected, MimeHeaderEncoding.Decode(value));
    }

    [Fact]
    public void Encoding_round_trips_unicode()
    {
        const string value = "\u4e2d\u6587 \U0001F600 ok";
        Assert.Equal(value, MimeHeaderEncoding.Decode(MimeHeaderEncoding.Encode(value)));
    }
}

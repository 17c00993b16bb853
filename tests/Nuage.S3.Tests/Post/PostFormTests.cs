using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Nuage.S3.Errors;
using Nuage.S3.Post;
using Xunit;

namespace Nuage.S3.Tests.Post;

public sealed class PostFormTests
{
    private const string Boundary = "----nuage";

    private static MultipartReader Reader(string body) =>
        new(Boundary, new MemoryStream(Encoding.UTF8.GetBytes(body.ReplaceLineEndings("\r\n"))));

    private static string Part(string name, string value, string? fileName = null) =>
        $"--{Boundary}\r\nContent-Disposition: form-data; name=\"{name}\"{(fileName is null ? "" : $"; filename=\"{fileName}\"")}\r\n\r\n{value}\r\n";

    [Fact]
    public async Task Fields_before_the_file_are_read_case_insensitively_and_the_file_is_left_to_stream()
    {
        var body = Part("Key", "a/${filename}") + Part("x-amz-meta-Color", "blue") + Part("file", "file bytes", "photo.jpg")
            + Part("after", "ignored") + $"--{Boundary}--\r\n";
        var form = await PostForm.ReadAsync(Reader(body), CancellationToken.None);
        Assert.Equal("a/${filename}", form.Field("key"));
        Assert.Equal("blue", form.Field("X-AMZ-META-COLOR"));
        Assert.Equal("photo.jpg", form.FileName);
        Assert.Null(form.Field("after"));
        Assert.NotNull(form.File);
        using var content = new StreamReader(form.File.Body);
        Assert.Equal("file bytes", await content.ReadToEndAsync());
    }

    [Fact]
    public async Task Every_part_may_carry_a_filename_only_the_file_field_is_the_file()
    {
        // Python requests' files= sends every field with a filename of its own name.
        var body = Part("key", "k", "key") + Part("file", "x", "file") + $"--{Boundary}--\r\n";
        var form = await PostForm.ReadAsync(Reader(body), CancellationToken.None);
        Assert.Equal("k", form.Field("key"));
        Assert.Equal("file", form.FileName);
    }

    [Fact]
    public async Task Form_without_a_file_has_none()
    {
        var form = await PostForm.ReadAsync(Reader(Part("key", "k") + $"--{Boundary}--\r\n"), CancellationToken.None);
        Assert.Null(form.File);
    }

    [Fact]
    public async Task Field_over_the_limit_is_refused()
    {
        var body = Part("key", new string('k', PostForm.MaxFieldBytes + 1)) + Part("file", "x", "f") + $"--{Boundary}--\r\n";
        var error = await Assert.ThrowsAsync<S3Exception>(() => PostForm.ReadAsync(Reader(body), CancellationToken.None));
        Assert.Equal("MaxMessageLengthExceeded", error.Error.Code);
    }

    [Fact]
    public async Task Truncated_body_is_MalformedPOSTRequest()
    {
        var body = $"--{Boundary}\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nhalf a fie";
        var error = await Assert.ThrowsAsync<S3Exception>(() => PostForm.ReadAsync(Reader(body), CancellationToken.None));
        Assert.Equal("MalformedPOSTRequest", error.Error.Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("multipart/form-data")]
    public void Content_type_without_a_boundary_is_MalformedPOSTRequest(string? contentType)
    {
        var error = Assert.Throws<S3Exception>(() => PostForm.Boundary(contentType));
        Assert.Equal("MalformedPOSTRequest", error.Error.Code);
    }

    [Fact]
    public async Task File_stream_enforces_content_length_range()
    {
        var tooBig = new PostFileStream(new MemoryStream(new byte[100]), 0, 99);
        var big = await Assert.ThrowsAsync<S3Exception>(() => tooBig.CopyToAsync(Stream.Null));
        Assert.Equal("EntityTooLarge", big.Error.Code);

        var tooSmall = new PostFileStream(new MemoryStream(new byte[5]), 10, 99);
        var small = await Assert.ThrowsAsync<S3Exception>(() => tooSmall.CopyToAsync(Stream.Null));
        Assert.Equal("EntityTooSmall", small.Error.Code);

        var fits = new PostFileStream(new MemoryStream(new byte[50]), 10, 99);
        await fits.CopyToAsync(Stream.Null);
        Assert.Equal(50, fits.BytesRead);
    }
}

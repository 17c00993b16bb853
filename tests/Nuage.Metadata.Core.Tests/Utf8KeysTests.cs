namespace Nuage.Metadata.Core.Tests;

public sealed class Utf8KeysTests
{
    [Fact]
    public void Successor_of_a_prefix_bounds_every_key_under_it()
    {
        byte[] successor = Utf8Keys.Successor(Utf8Keys.Encode("logs/"));

        Assert.Equal(Utf8Keys.Encode("logs0"), successor);
        Assert.True(Utf8Keys.Compare(Utf8Keys.Encode("logs/\U0010FFFF"), successor) < 0);
        Assert.True(Utf8Keys.Compare(Utf8Keys.Encode("logs0"), successor) >= 0);
    }

    [Fact]
    public void Successor_drops_trailing_ff_bytes()
    {
        Assert.Equal(new byte[] { 0x62 }, Utf8Keys.Successor([0x61, 0xFF, 0xFF]));
    }

    [Fact]
    public void Successor_of_only_ff_bytes_is_empty_meaning_unbounded()
    {
        Assert.Empty(Utf8Keys.Successor([0xFF, 0xFF]));
    }
}

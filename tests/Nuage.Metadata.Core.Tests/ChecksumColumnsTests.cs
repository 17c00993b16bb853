namespace Nuage.Metadata.Core.Tests;

public sealed class ChecksumColumnsTests
{
    [Theory]
    [InlineData(0UL)]
    [InlineData(1UL)]
    [InlineData(0x7FFF_FFFF_FFFF_FFFFUL)]
    [InlineData(0x8000_0000_0000_0000UL)]
    [InlineData(ulong.MaxValue)]
    public void A_block_checksum_keeps_all_64_bits_in_a_signed_column(ulong checksum)
    {
        Assert.Equal(checksum, ChecksumColumns.ToBlockChecksum(ChecksumColumns.FromBlockChecksum(checksum)));
    }

    [Fact]
    public void The_top_bit_makes_the_column_negative_rather_than_overflowing()
    {
        Assert.Equal(-1L, ChecksumColumns.FromBlockChecksum(ulong.MaxValue));
    }
}

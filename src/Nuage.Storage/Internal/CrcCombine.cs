namespace Nuage.Storage.Internal;

/// <summary>
/// crc(A || B) from crc(A), crc(B) and the length of B, for the reflected CRCs S3 offers as full-object checksums of
/// multipart uploads (AWS "Checking object integrity in Amazon S3", full object checksums): CRC-32, CRC-32C and
/// CRC-64/NVME. S3 computes such a checksum "as if the object were uploaded in one piece" from the part checksums,
/// which is what lets CompleteMultipartUpload produce it without reading the parts' bytes again.
/// </summary>
/// <remarks>
/// <para>
/// Why it works: a CRC register is a polynomial over GF(2) reduced modulo the generator P. Appending n bytes to A
/// multiplies A's register by x^(8n) mod P and adds (XOR) the register B would produce from zero. The initial
/// all-ones register and the final all-ones XOR of these three CRCs cancel out in that sum (each side carries one
/// of each), so crc(A || B) = crc(A) · x^(8·len(B)) mod P  XOR  crc(B). No byte of A or B is needed.
/// </para>
/// <para>
/// Representation: the CRCs are reflected, so bit (width-1) of a register holds the coefficient of x^0 and bit 0
/// that of x^(width-1). Multiplying by x is then a right shift, and when the x^(width-1) coefficient falls off the
/// end, x^width is replaced by what it equals modulo P: P's lower terms, the reflected polynomial without its top term.
/// </para>
/// <para>
/// x^(8n) is built from a table of x^(2^k) mod P (each entry the square of the one before), multiplying in the
/// entries for the set bits of 8n: about log2(n) multiplications of width steps each, whatever the part size.
/// </para>
/// </remarks>
internal sealed class CrcCombine
{
    /// <summary>CRC-32 (ISO-HDLC, as System.IO.Hashing.Crc32): 0x04C11DB7 reflected.</summary>
    public static readonly CrcCombine Crc32 = new(0xEDB88320UL, 32);

    /// <summary>CRC-32C (Castagnoli): 0x1EDC6F41 reflected.</summary>
    public static readonly CrcCombine Crc32C = new(0x82F63B78UL, 32);

    /// <summary>CRC-64/NVME: 0xAD93D23594C93659 reflected.</summary>
    public static readonly CrcCombine Crc64Nvme = new(0x9A6C9329AC4BC9B5UL, 64);

    // A length in bytes below 2^63 is at most 2^66 bits: x^(2^k) for k = 0..66.
    private const int TableSize = 67;

    private readonly ulong _reflectedPoly;
    private readonly ulong _one;
    private readonly ulong[] _powers = new ulong[TableSize];

    private CrcCombine(ulong reflectedPoly, int width)
    {
        _reflectedPoly = reflectedPoly;
        _one = 1UL << (width - 1);

        // x^(2^0) = x, then square: x^(2^(k+1)) = (x^(2^k))^2.
        _powers[0] = _one >> 1;
        for (int k = 1; k < TableSize; k++)
        {
            _powers[k] = Multiply(_powers[k - 1], _powers[k - 1]);
        }
    }

    /// <summary>The CRC of A followed by B, given crc(A), crc(B) and B's length in bytes.</summary>
    public ulong Combine(ulong crcA, ulong crcB, long lengthB)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lengthB);
        return Multiply(XPowerOfBits(lengthB), crcA) ^ crcB;
    }

    /// <summary>x^(8 · bytes) mod P: the product of x^(2^k) for each set bit k of the bit count.</summary>
    private ulong XPowerOfBits(long bytes)
    {
        ulong result = _one;
        ulong n = (ulong)bytes;

        // The bit count is 8·bytes, so bit j of the byte count is bit j + 3 of the bit count.
        for (int k = 3; n != 0; k++, n >>= 1)
        {
            if ((n & 1) != 0)
            {
                result = Multiply(_powers[k], result);
            }
        }

        return result;
    }

    /// <summary>a · b mod P in the reflected representation: shift-and-add over the coefficients of a, x^0 first.</summary>
    private ulong Multiply(ulong a, ulong b)
    {
        ulong product = 0;
        for (ulong bit = _one; bit != 0; bit >>= 1)
        {
            if ((a & bit) != 0)
            {
                product ^= b;
            }

            // b · x: shift toward higher powers; the x^(width-1) coefficient becomes x^width, reduced to P's lower terms.
            b = (b & 1) != 0 ? (b >> 1) ^ _reflectedPoly : b >> 1;
        }

        return product;
    }
}

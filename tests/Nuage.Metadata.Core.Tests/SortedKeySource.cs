namespace Nuage.Metadata.Core.Tests;

/// <summary>
/// An ordered key index in memory, the smallest engine the walk can run on: it answers <see cref="KeySeek"/>s the
/// way an index seek does (bytewise order, bounds, limit) and counts seeks and rows read, so a test can tell a
/// seek from a scan.
/// </summary>
internal sealed class SortedKeySource
{
    private readonly string[] _keys;

    public SortedKeySource(IEnumerable<string> keys)
    {
        _keys = keys.Distinct().ToArray();
        Array.Sort(_keys, (a, b) => Utf8Keys.Compare(Utf8Keys.Encode(a), Utf8Keys.Encode(b)));
    }

    public int Seeks { get; private set; }

    public int RowsRead { get; private set; }

    public Cursor Seek(KeySeek seek)
    {
        Seeks++;
        int start = 0;
        while (start < _keys.Length)
        {
            int order = Utf8Keys.Compare(Utf8Keys.Encode(_keys[start]), seek.From);
            if (order > 0 || (order == 0 && !seek.Exclusive))
            {
                break;
            }

            start++;
        }

        return new Cursor(this, start, seek.Upper, seek.Limit);
    }

    internal sealed class Cursor(SortedKeySource source, int next, byte[]? upper, int limit) : IKeyCursor
    {
        private int _at = next - 1;
        private int _left = limit;

        public string Key => source._keys[_at];

        public bool Read()
        {
            if (_left == 0 || _at + 1 >= source._keys.Length
                || (upper is not null && Utf8Keys.Compare(Utf8Keys.Encode(source._keys[_at + 1]), upper) >= 0))
            {
                return false;
            }

            _at++;
            _left--;
            source.RowsRead++;
            return true;
        }

        public void Dispose()
        {
        }
    }
}

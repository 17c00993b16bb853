namespace Nuage.Storage.Maintenance;

/// <summary>
/// A set of blob ids of any size kept in bounded memory (issue 18: the startup sweep "at any object count, no set of
/// every blob id"): ids are gathered in a buffer of <see cref="RunLength"/>, each full buffer is sorted and written
/// to a run file in <paramref name="directory"/>, and <see cref="ReadSorted"/> merges the runs into one ascending,
/// duplicate-free stream (an external merge sort). Memory is one buffer plus one read buffer per run; files are
/// deleted on dispose, and any a crash leaves are old temporary files the next start deletes.
/// </summary>
public sealed class SortedGuidSpool(string directory, int runLength = SortedGuidSpool.DefaultRunLength) : IDisposable
{
    /// <summary>4 MiB of ids per run: a million blobs make four runs.</summary>
    public const int DefaultRunLength = 262_144;

    private const int IdBytes = 16;

    private readonly List<string> _runs = [];
    private readonly Guid[] _buffer = new Guid[runLength];
    private int _buffered;

    public int RunLength => _buffer.Length;

    /// <summary>How many run files were written (0 while everything fits in memory).</summary>
    public int RunCount => _runs.Count;

    public void Add(Guid id)
    {
        if (_buffered == _buffer.Length)
        {
            Spill();
        }

        _buffer[_buffered++] = id;
    }

    /// <summary>Every id added, ascending by <see cref="Guid.CompareTo(Guid)"/>, each once. Call once, after the last Add.</summary>
    public IEnumerable<Guid> ReadSorted()
    {
        Array.Sort(_buffer, 0, _buffered);
        var sources = new List<IEnumerator<Guid>> { Buffered().GetEnumerator() };
        foreach (string run in _runs)
        {
            sources.Add(ReadRun(run).GetEnumerator());
        }

        var heap = new PriorityQueue<int, Guid>();
        try
        {
            for (int i = 0; i < sources.Count; i++)
            {
                if (sources[i].MoveNext())
                {
                    heap.Enqueue(i, sources[i].Current);
                }
            }

            Guid? previous = null;
            while (heap.TryDequeue(out int source, out Guid id))
            {
                if (previous != id)
                {
                    yield return id;
                    previous = id;
                }

                if (sources[source].MoveNext())
                {
                    heap.Enqueue(source, sources[source].Current);
                }
            }
        }
        finally
        {
            foreach (var enumerator in sources)
            {
                enumerator.Dispose();
            }
        }
    }

    public void Dispose()
    {
        foreach (string run in _runs)
        {
            try
            {
                File.Delete(run);
            }
            catch (IOException)
            {
                // Left for the next start's temporary-file sweep.
            }
        }

        _runs.Clear();
    }

    private IEnumerable<Guid> Buffered()
    {
        for (int i = 0; i < _buffered; i++)
        {
            yield return _buffer[i];
        }
    }

    private void Spill()
    {
        Array.Sort(_buffer, 0, _buffered);
        string path = Path.Combine(directory, "sweep-" + Guid.NewGuid().ToString("N") + ".run");
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        {
            Span<byte> bytes = stackalloc byte[IdBytes];
            for (int i = 0; i < _buffered; i++)
            {
                _buffer[i].TryWriteBytes(bytes);
                file.Write(bytes);
            }
        }

        _runs.Add(path);
        _buffered = 0;
    }

    private static IEnumerable<Guid> ReadRun(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var bytes = new byte[IdBytes];
        while (true)
        {
            int read = 0;
            while (read < IdBytes)
            {
                int n = file.Read(bytes, read, IdBytes - read);
                if (n == 0)
                {
                    if (read == 0)
                    {
                        yield break;
                    }

                    throw new InvalidDataException("A sweep run file ends inside an id: " + path);
                }

                read += n;
            }

            yield return new Guid(bytes);
        }
    }
}

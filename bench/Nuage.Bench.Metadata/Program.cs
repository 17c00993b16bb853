using System.Diagnostics;
using System.Globalization;
using Nuage.Metadata;
using Nuage.Metadata.Sqlite;

// The metadata side of issue 15's versioning target, with the store alone: 32 concurrent writers (so group commits
// of about 32) put 4 KiB inline rows over 1,000 keys, as WriteTransaction receives them from a PUT (the row, then the
// null version's ACL cleared, as ObjectCommitPath does; a new version id has no ACL to clear). "unversioned"
// overwrites each key's null version in place; "versioned" adds a version per PUT on top of HISTORY versions written
// first. Prints PUTs/s and this process's CPU time per PUT (all threads: the
// writer, the background checkpointer, the callers), the figure that tells a change to the store apart from other
// load on the machine. The two modes alternate for ROUNDS rounds, each on a fresh database.
// usage: dotnet bench/Nuage.Bench.Metadata/bin/Release/net10.0/Nuage.Bench.Metadata.dll [SECONDS] [HISTORY] [ROUNDS] [versioned|unversioned]
double seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 8;
int history = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
int rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
string? only = args.Length > 3 ? args[3] : null; // "versioned" or "unversioned": one mode only (for a profiler)
const int Keys = 1000;
const int Writers = 32;

for (int round = 1; round <= rounds; round++)
{
    foreach (bool versioned in new[] { false, true })
    {
        if (only is not null && only != (versioned ? "versioned" : "unversioned"))
        {
            continue;
        }

        var (perSecond, cpuMicros) = await RunAsync(versioned);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"round {round}/{rounds}  {(versioned ? "versioned" : "unversioned"),-11}  history {(versioned ? history : Keys),7}  {perSecond,7:F0} PUTs/s  cpu {cpuMicros,6:F1} us/PUT"));
    }
}

async Task<(double PerSecond, double CpuMicros)> RunAsync(bool versioned)
{
    string directory = Path.Combine(Path.GetTempPath(), "nuage-bench-metadata-" + Guid.NewGuid().ToString("N")[..8]);
    Directory.CreateDirectory(directory);
    try
    {
        await using var store = new SqliteMetadataStore(Path.Combine(directory, "metadata.db"));
        await store.WriteAsync(tx => tx.InsertBucket(new BucketRow("bench", "000000000001", "local", DateTimeOffset.UtcNow)), CancellationToken.None);
        var body = new byte[4096];
        Random.Shared.NextBytes(body);

        Task Put(int key) => store.WriteAsync(
            tx =>
            {
                string name = "v/" + key.ToString("D8", CultureInfo.InvariantCulture);
                tx.PutObject(new ObjectRow(
                    "bench", name, versioned ? Guid.NewGuid().ToString("N") : "null", body.Length, Guid.NewGuid().ToString("N"),
                    tx.Now, "local", "000000000001", StoredAttributes.Empty, new StoredChecksum("CRC32", "AAAAAA==", false), null,
                    new InlineData(body, 1)), versionIdIsNew: versioned);
                if (!versioned)
                {
                    tx.SetObjectAcl("bench", name, "null", null);
                }
                return true;
            },
            CancellationToken.None);

        // Every key once, and a versioned bucket's history, untimed.
        int fill = versioned ? Math.Max(history, Keys) : Keys;
        for (int i = 0; i < fill; i += 256)
        {
            await Task.WhenAll(Enumerable.Range(i, Math.Min(256, fill - i)).Select(j => Put(j % Keys)));
        }

        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long done = 0;
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(async writer =>
        {
            var random = new Random(writer);
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                await Put(random.Next(Keys));
                Interlocked.Increment(ref done);
            }
        }));
        process.Refresh();
        return (done / clock.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpuBefore).TotalMicroseconds / done);
    }
    finally
    {
        Directory.Delete(directory, recursive: true);
    }
}


namespace Nuage.Storage.Tests;

using Nuage.Storage.Maintenance;
using Nuage.Testing;

public sealed class SortedGuidSpoolTests
{
    [Fact]
    public void Ids_beyond_one_run_come_back_sorted_once_each_and_the_run_files_go()
    {
        using var directory = new TempDirectory("nuage-spool-");
        var random = new Random(7);
        var ids = Enumerable.Range(0, 1000).Select(_ => new Guid(RandomBytes(random))).ToList();
        var expected = ids.Distinct().Order().ToList();
        List<Guid> sorted;
        using (var spool = new SortedGuidSpool(directory.Path, runLength: 64))
        {
            foreach (var id in ids.Concat(ids.Take(300)))
            {
                spool.Add(id);
            }

            Assert.Equal(20, spool.RunCount);
            Assert.Equal(20, Directory.GetFiles(directory.Path).Length);
            sorted = spool.ReadSorted().ToList();
        }

        Assert.Equal(expected, sorted);
        Assert.Empty(Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void Ids_within_one_run_never_touch_the_disk()
    {
        using var directory = new TempDirectory("nuage-spool-");
        using var spool = new SortedGuidSpool(directory.Path, runLength: 64);
        var ids = Enumerable.Range(0, 64).Select(_ => Guid.NewGuid()).ToList();
        ids.ForEach(spool.Add);

        Assert.Equal(ids.Order(), spool.ReadSorted());
        Assert.Equal(0, spool.RunCount);
        Assert.Empty(Directory.GetFiles(directory.Path));
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return bytes;
    }
}

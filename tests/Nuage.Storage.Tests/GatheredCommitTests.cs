using Nuage.Metadata;
using Nuage.Metadata.Sqlite;
using Nuage.Testing;

namespace Nuage.Storage.Tests;

/// <summary>
/// SQLite's group commit with gathered units (<see cref="CommitTiming.Gathered"/>): a batch made only of them waits
/// for more before it commits, a prompt unit ends the wait at once, and the wait has an end. The window is lengthened
/// here so that the wait is seen, not raced.
/// </summary>
public sealed class GatheredCommitTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("nuage-gathered-commit-tests-");
    private SqliteMetadataStore _store = null!;

    public Task InitializeAsync()
    {
        _store = (SqliteMetadataStore)MetadataEngine.Sqlite.Open(_directory.Path);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Gathered_writes_wait_for_more_and_share_one_commit_with_the_prompt_write_that_ends_the_wait()
    {
        _store.GatherWindow = TimeSpan.FromMinutes(5);
        var before = _store.Statistics;

        var first = _store.WriteAsync(_ => 1, CommitTiming.Gathered, CancellationToken.None);
        await Task.Delay(300);
        Assert.False(first.IsCompleted, "a batch of gathered writes commits only once its window has passed or a prompt write came");
        var second = _store.WriteAsync(_ => 2, CommitTiming.Gathered, CancellationToken.None);
        await Task.Delay(100);
        Assert.False(second.IsCompleted);

        var started = System.Diagnostics.Stopwatch.StartNew();
        var prompt = _store.WriteAsync(_ => 3, CancellationToken.None);
        var results = await Task.WhenAll(first, second, prompt).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(new[] { 1, 2, 3 }, results);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), $"the prompt write took {started.Elapsed}");

        var after = _store.Statistics;
        Assert.Equal(3, after.Writes - before.Writes);
        Assert.Equal(1, after.Commits - before.Commits);
    }

    [Fact]
    public async Task A_gathered_write_alone_commits_once_its_window_has_passed()
    {
        _store.GatherWindow = TimeSpan.FromMilliseconds(500);
        var started = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(7, await _store.WriteAsync(_ => 7, CommitTiming.Gathered, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(450), $"committed after {started.Elapsed}");
    }

    [Fact]
    public async Task A_prompt_write_is_not_held_by_the_window()
    {
        _store.GatherWindow = TimeSpan.FromMinutes(5);
        Assert.Equal(5, await _store.WriteAsync(_ => 5, CommitTiming.Prompt, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));
    }
}

namespace Nuage.Metadata;

/// <summary>
/// Counters of the write path: <see cref="Writes"/> units of work run, <see cref="Commits"/> transactions committed.
/// Writes / Commits is the group-commit factor (DESIGN.md "Performance design").
/// </summary>
public readonly record struct MetadataStatistics(long Writes, long Commits);

namespace Nuage.Metadata.Core;

/// <summary>
/// Timestamps are stored as UTC ticks (100 ns since 0001-01-01) in a 64-bit integer column on every engine: exact
/// (no rounding to the engine's timestamp precision, PostgreSQL's being 1 µs), ordered, and identical after a move
/// between engines.
/// </summary>
public static class UtcTicks
{
    public static long From(DateTimeOffset value) => value.UtcTicks;

    public static DateTimeOffset ToTimestamp(long ticks) => new(ticks, TimeSpan.Zero);
}

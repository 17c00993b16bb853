namespace Nuage.Testing;

/// <summary>A clock that says what the test tells it (AWS's examples are all signed at 2013-05-24T00:00:00Z).</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

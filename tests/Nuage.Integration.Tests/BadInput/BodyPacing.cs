namespace Nuage.Integration.Tests.BadInput;

/// <summary>How <see cref="RawHttp"/> paces a body: <paramref name="ChunkBytes"/> at a time, <paramref name="Interval"/> apart.</summary>
public sealed record BodyPacing(int ChunkBytes, TimeSpan Interval);

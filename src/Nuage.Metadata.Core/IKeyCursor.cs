namespace Nuage.Metadata.Core;

/// <summary>
/// The rows of one listing seek, in key byte order: what an engine implements for <see cref="PrefixWalker"/>. It
/// should step lazily (SQLite's reader does; PostgreSQL's would be a LIMITed query), because the walk abandons a
/// seek as soon as a key rolls up into a common prefix.
/// </summary>
public interface IKeyCursor : IDisposable
{
    /// <summary>Moves to the next row; false when the seek has no more.</summary>
    bool Read();

    /// <summary>The current row's key.</summary>
    string Key { get; }
}

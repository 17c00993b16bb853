namespace Nuage.Regions.Tests;

/// <summary>One request as <see cref="OlderRegionConsole"/> received it; header names in lower case.</summary>
internal sealed record ReceivedPush(string Method, string Path, long? ContentLength, byte[] Body, IReadOnlyDictionary<string, string> Headers);

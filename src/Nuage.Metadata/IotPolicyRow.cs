namespace Nuage.Metadata;

/// <summary>A named IoT policy of an account: <paramref name="Document"/> is its JSON policy document.</summary>
public sealed record IotPolicyRow(string AccountId, string Name, string Document, DateTimeOffset CreatedAt);

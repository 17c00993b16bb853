namespace Nuage.Integration.Tests.Iot;

/// <summary>One PUBLISH a test client received, as it arrived on the wire.</summary>
public sealed record ReceivedMessage(string Topic, string Payload, bool Retain, int QualityOfService);

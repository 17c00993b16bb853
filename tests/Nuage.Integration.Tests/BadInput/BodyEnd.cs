namespace Nuage.Integration.Tests.BadInput;

/// <summary>How a raw request's body ends.</summary>
public enum BodyEnd
{
    /// <summary>All bytes given are sent, the connection stays open for the answer.</summary>
    Complete,

    /// <summary>The bytes given are sent, then the sending side is shut down (FIN): the server reads end of stream.</summary>
    HalfClose,

    /// <summary>The bytes given are sent, then the connection is reset (RST) without waiting for an answer.</summary>
    Abort,
}

using System.Data.Common;

namespace Nuage.Mqtt.Handlers;

/// <summary>
/// A failure of the metadata database that may pass by itself (issue 18): it is restarting or failing over, or a
/// write kept conflicting with other nodes' writes. The store reports both as a <see cref="DbException"/> whose
/// <see cref="DbException.IsTransient"/> holds (Nuage.Metadata's MetadataUnavailableException and
/// MetadataConflictException, which a front door may not name: docs/architecture.md rule 2). The broker answers
/// such a failure with a reason code (CONNACK 0x88 Server unavailable, PUBACK/SUBACK 0x83 Implementation specific
/// error) instead of letting it end the connection's session loop with an error.
/// </summary>
internal static class TransientFailure
{
    public static bool Is(Exception exception) => exception is DbException { IsTransient: true };
}

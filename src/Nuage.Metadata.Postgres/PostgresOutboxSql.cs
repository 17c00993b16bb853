namespace Nuage.Metadata.Postgres;

/// <summary>
/// Statements of the event outbox: SQLite's OutboxSql in PostgreSQL. seq comes from an identity column; the
/// dispatcher needs it unique and rising within one writer, never gapless (a rolled-back insert leaves a gap, and
/// CockroachDB's unique_rowid-backed identities are not dense either).
/// </summary>
internal static class PostgresOutboxSql
{
    public const string Insert =
        "INSERT INTO event_outbox (destination, body, created_at, next_attempt_at) VALUES ($1, $2, $3, $3)";

    public const string Delete = "DELETE FROM event_outbox WHERE seq = $1";

    public const string Defer = "UPDATE event_outbox SET attempts = $2, next_attempt_at = $3 WHERE seq = $1";

    /// <summary>An index range on event_outbox_due (next_attempt_at, seq).</summary>
    public const string ListDue =
        "SELECT seq, destination, body, created_at, attempts, next_attempt_at FROM event_outbox " +
        "WHERE next_attempt_at <= $1 ORDER BY next_attempt_at, seq LIMIT $2";

    public const string Count = "SELECT count(*) FROM event_outbox";
}

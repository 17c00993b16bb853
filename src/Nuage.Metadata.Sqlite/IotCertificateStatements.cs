namespace Nuage.Metadata.Sqlite;

using Nuage.Metadata.Core;

/// <summary>The statements over iot_certificates (schema 020), run on a connection's <see cref="CommandCache"/>.</summary>
internal static class IotCertificateStatements
{
    private const string Select =
        "SELECT certificate_id, account_id, thing_name, certificate_pem, not_before, not_after, active, created_at FROM iot_certificates " +
        "ORDER BY account_id, thing_name, created_at";
    private const string InsertSql =
        "INSERT INTO iot_certificates (certificate_id, account_id, thing_name, certificate_pem, not_before, not_after, active, created_at) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (certificate_id) DO NOTHING";
    private const string SetActiveSql = "UPDATE iot_certificates SET active = $2 WHERE certificate_id = $1";
    private const string DeleteSql = "DELETE FROM iot_certificates WHERE certificate_id = $1";
    private const string DeleteOfThingSql = "DELETE FROM iot_certificates WHERE account_id = $1 AND thing_name = $2";

    public static List<IotCertificateRow> List(CommandCache commands)
    {
        var rows = new List<IotCertificateRow>();
        using var reader = commands.Get(Select, 0).ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new IotCertificateRow(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                UtcTicks.ToTimestamp(reader.GetInt64(4)), UtcTicks.ToTimestamp(reader.GetInt64(5)), reader.GetInt64(6) != 0, UtcTicks.ToTimestamp(reader.GetInt64(7))));
        }

        return rows;
    }

    public static bool Insert(CommandCache commands, IotCertificateRow certificate) =>
        commands.Get(InsertSql, 8)
            .Bind(0, certificate.CertificateId).Bind(1, certificate.AccountId).Bind(2, certificate.ThingName).Bind(3, certificate.CertificatePem)
            .Bind(4, UtcTicks.From(certificate.NotBefore)).Bind(5, UtcTicks.From(certificate.NotAfter))
            .Bind(6, certificate.Active ? 1L : 0L).Bind(7, UtcTicks.From(certificate.CreatedAt))
            .ExecuteNonQuery() == 1;

    public static bool SetActive(CommandCache commands, string certificateId, bool active) =>
        commands.Get(SetActiveSql, 2).Bind(0, certificateId).Bind(1, active ? 1L : 0L).ExecuteNonQuery() == 1;

    public static bool Delete(CommandCache commands, string certificateId) =>
        commands.Get(DeleteSql, 1).Bind(0, certificateId).ExecuteNonQuery() == 1;

    public static int DeleteOfThing(CommandCache commands, string accountId, string thingName) =>
        commands.Get(DeleteOfThingSql, 2).Bind(0, accountId).Bind(1, thingName).ExecuteNonQuery();
}

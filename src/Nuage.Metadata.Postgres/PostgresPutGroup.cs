namespace Nuage.Metadata.Postgres;

using Npgsql;
using NpgsqlTypes;
using Nuage.Metadata.Core;
using Q = Nuage.Metadata.Postgres.PostgresObjectSql;

/// <summary>
/// The PUTs of consecutive units of a batch, held together and sent as one multi-row statement per step (the version
/// rows, the pointers, ...) instead of each PUT's own statements. On the writer's backend, a 4 KiB PUT spent most of
/// its time setting up the executor of each of its five or six statements, not in the rows they change; a group of
/// 30 PUTs pays that set-up once (docs/metadata-engines.md "Writes").
/// <para>
/// Statements of different PUTs change places: every PUT's first step runs before any PUT's second. That gives what
/// PUT after PUT would give only while the PUTs touch different keys, so a PUT of a key the group already holds, or of
/// the other kind (a new version id, or a version replaced by id), sends the group first; so does any other
/// statement (<see cref="PostgresTransaction"/> flushes the group before it writes or reads anything else). The
/// usage triggers still fire per row, and their sums do not depend on the order. A group of one PUT is written as
/// that PUT's own single-row statements. A failing statement fails the batch, which the writer runs again with a
/// savepoint per unit and every statement sent at once: no group is formed there, so the error is charged to its unit.
/// </para>
/// </summary>
internal sealed class PostgresPutGroup
{
    private static readonly NpgsqlDbType[] ColumnTypes = [.. Q.WrittenColumnTypes.Select(TypeOf)];

    private readonly List<object?[]> _rows = [];
    private readonly List<bool> _clearsAcl = [];
    private readonly HashSet<(string Bucket, string Key)> _keys = [];
    private bool _replaces;
    private int _aclsCleared;

    public int Count => _rows.Count;

    /// <summary>How many statements the group becomes when sent (a group of one PUT: that PUT's own).</summary>
    public int Statements => _rows.Count switch
    {
        0 => 0,
        1 => (_replaces ? 5 : 2) + _aclsCleared,
        _ => (_replaces ? 5 : 2) + (_aclsCleared > 0 ? 1 : 0),
    };

    /// <summary>Whether a PUT of this key and kind may join; when not, the group must be sent first.</summary>
    public bool CanTake(string bucket, string key, bool replaces) =>
        _rows.Count == 0 || (replaces == _replaces && !_keys.Contains((bucket, key)));

    /// <param name="written">The 26 parameters of the version's row (<see cref="PostgresObjectRows.Written(ObjectRow)"/>).</param>
    /// <param name="replaces">The version id may be there already (the null version), and is replaced.</param>
    public void Add(string bucket, string key, object?[] written, bool replaces)
    {
        if (!CanTake(bucket, key, replaces))
        {
            throw new InvalidOperationException("The PUT cannot join this group: send the group first.");
        }

        _replaces = replaces;
        _rows.Add(written);
        _clearsAcl.Add(false);
        _keys.Add((bucket, key));
    }

    /// <summary>
    /// Takes the clearing of a version's ACL row when it is the one the group's last PUT wrote (every PUT clears the
    /// ACL of a replaced null version); false when the statement must be written on its own.
    /// </summary>
    public bool TryClearAcl(string bucket, byte[] key, string versionId)
    {
        if (_rows.Count == 0 || _clearsAcl[^1])
        {
            return false;
        }

        var last = _rows[^1];
        if ((string)last[0]! != bucket || (string)last[2]! != versionId || !((byte[])last[1]!).AsSpan().SequenceEqual(key))
        {
            return false;
        }

        _clearsAcl[^1] = true;
        _aclsCleared++;
        return true;
    }

    public void Clear()
    {
        _rows.Clear();
        _clearsAcl.Clear();
        _keys.Clear();
        _aclsCleared = 0;
    }

    /// <summary>The group's statements in the order they must run; the group is empty afterwards.</summary>
    public List<NpgsqlBatchCommand> Take(DateTimeOffset now)
    {
        var commands = new List<NpgsqlBatchCommand>(Statements);
        if (_rows.Count == 1)
        {
            var written = _rows[0];
            object? bucket = written[0], key = written[1], versionId = written[2];
            if (_replaces)
            {
                // PostgresTransaction.PutObject's five steps, as for a PUT on its own.
                commands.Add(PostgresCommands.CreateBatchCommand(Q.InsertGarbageOfVersion, [bucket, key, versionId, UtcTicks.From(now)]));
                commands.Add(PostgresCommands.CreateBatchCommand(Q.OverwriteLatestVersion, written));
                commands.Add(PostgresCommands.CreateBatchCommand(Q.DeleteNoncurrentVersion, [bucket, key, versionId]));
                commands.Add(PostgresCommands.CreateBatchCommand(Q.InsertObjectUnlessPresent, written));
                commands.Add(PostgresCommands.CreateBatchCommand(Q.PointCurrentAtVersionIfMoved, [bucket, key, versionId]));
            }
            else
            {
                commands.Add(PostgresCommands.CreateBatchCommand(Q.InsertObject, written));
                commands.Add(PostgresCommands.CreateBatchCommand(Q.PointCurrentAtVersion, [bucket, key, versionId]));
            }

            if (_clearsAcl[0])
            {
                commands.Add(PostgresCommands.CreateBatchCommand(Q.DeleteObjectAcl, [bucket, key, versionId]));
            }
        }
        else if (_rows.Count > 1)
        {
            var columns = Columns(_rows);
            var versions = columns[..3];
            if (_replaces)
            {
                commands.Add(Command(Q.InsertGarbageOfVersions, versions, UtcTicks.From(now)));
                commands.Add(Command(Q.OverwriteLatestVersions, columns));
                commands.Add(Command(Q.DeleteNoncurrentVersions, versions));
                commands.Add(Command(Q.InsertObjectsUnlessPresent, columns));
            }
            else
            {
                commands.Add(Command(Q.InsertObjects, columns));
            }

            commands.Add(Command(Q.PointCurrentAtVersionsIfMoved, versions));
            if (_aclsCleared > 0)
            {
                var cleared = Columns([.. _rows.Where((_, i) => _clearsAcl[i])]);
                commands.Add(Command(Q.DeleteObjectAcls, cleared[..3]));
            }
        }

        Clear();
        return commands;
    }

    // One array per column, of the element type the statement casts it to (a null element is SQL NULL).
    private static Array[] Columns(List<object?[]> rows)
    {
        int width = rows[0].Length;
        var columns = new Array[width];
        for (int column = 0; column < width; column++)
        {
            var type = ColumnTypes[column];
            Array values = type switch
            {
                NpgsqlDbType.Text => new string?[rows.Count],
                NpgsqlDbType.Bytea => new byte[]?[rows.Count],
                NpgsqlDbType.Bigint => new long?[rows.Count],
                NpgsqlDbType.Integer => new int?[rows.Count],
                NpgsqlDbType.Boolean => new bool?[rows.Count],
                _ => throw new InvalidOperationException("No array for " + type),
            };
            for (int row = 0; row < rows.Count; row++)
            {
                values.SetValue(rows[row][column], row);
            }

            columns[column] = values;
        }

        return columns;
    }

    // A parameter belongs to one command: the arrays are shared between the group's statements, the parameters not.
    private static NpgsqlBatchCommand Command(string sql, Array[] columns, long? last = null)
    {
        var command = new NpgsqlBatchCommand(sql);
        for (int i = 0; i < columns.Length; i++)
        {
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | ColumnTypes[i], Value = columns[i] });
        }

        if (last is { } value)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static NpgsqlDbType TypeOf(string sqlType) => sqlType switch
    {
        "text" => NpgsqlDbType.Text,
        "bytea" => NpgsqlDbType.Bytea,
        "bigint" => NpgsqlDbType.Bigint,
        "integer" => NpgsqlDbType.Integer,
        "boolean" => NpgsqlDbType.Boolean,
        _ => throw new InvalidOperationException("No Npgsql type for " + sqlType),
    };
}

using System.Diagnostics.CodeAnalysis;
using Npgsql;
using Xunit;

namespace Integrations.Testing;

/// <summary>
/// Plain SQL on a test database, for what a test reads or plants behind the app's back (app processes share the
/// database; there is no in-process app to ask). Values travel as positional parameters: <c>$1</c>, <c>$2</c>, …
/// </summary>
public static class Sql
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The first row's columns (null for SQL NULL); throws when there is no row.</summary>
    public static async Task<object?[]> RowAsync(string connectionString, string sql, params object[] values)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = Command(connection, sql, values);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        if (!await reader.ReadAsync(Ct))
        {
            throw new InvalidOperationException($"No row: {sql}");
        }

        var row = new object?[reader.FieldCount];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        }

        return row;
    }

    /// <summary>The first row's first column.</summary>
    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, params object[] values) =>
        (T)(await RowAsync(connectionString, sql, values))[0]!;

    /// <summary>The first column of every row.</summary>
    public static async Task<List<T>> ColumnAsync<T>(string connectionString, string sql, params object[] values)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = Command(connection, sql, values);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var column = new List<T>();
        while (await reader.ReadAsync(Ct))
        {
            column.Add(reader.GetFieldValue<T>(0));
        }

        return column;
    }

    public static async Task ExecuteAsync(string connectionString, string sql, params object[] values)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = Command(connection, sql, values);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        return connection;
    }

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities",
        Justification = "Tests' own constant statements; values travel as parameters.")]
    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, object[] values)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}

using System.Text.Json.Nodes;
using Integrations.Crm.Pipeline;
using Integrations.Crm.Schema;
using Integrations.Platform.Api;
using Integrations.Platform.Ids;
using Npgsql;

namespace Integrations.Crm.Reading;

/// <summary>Reads records of the caller's workspace in their wire shape, for the API and the admin pages.</summary>
public sealed class RecordReader
{
    private readonly RecordStore store;

    internal RecordReader(RecordStore store) => this.store = store;

    public async Task<JsonObject?> GetAsync(RecordType type, Guid id, CancellationToken ct)
    {
        var rows = await store.SelectAsync(type, " AND id = @id", "", [new NpgsqlParameter("id", id)], ct);
        return rows.Count == 0 ? null : RecordJson.From(type, rows[0]);
    }

    /// <summary>A page ordered by id (creation time); ids are the cursor.</summary>
    public async Task<Page<JsonObject>> ListAsync(RecordType type, RecordListQuery query, CancellationToken ct)
    {
        var where = new List<string>();
        var parameters = new List<NpgsqlParameter>();
        if (query.After is { } after)
        {
            where.Add(query.NewestFirst ? "id < @after" : "id > @after");
            parameters.Add(new NpgsqlParameter("after", after));
        }

        if (query.UpdatedSince is { } since)
        {
            where.Add("updated_at >= @since");
            parameters.Add(new NpgsqlParameter("since", since.ToUniversalTime()));
        }

        foreach (var (name, value) in query.Filters ?? new Dictionary<string, object?>())
        {
            var field = type.Field(name) ?? throw new ArgumentException($"Unknown field '{name}'.", nameof(query));
            var parameter = "f_" + field.Name;
            where.Add(value is null ? $"{field.Name} IS NULL" : $"{field.Name} = @{parameter}");
            parameters.Add(new NpgsqlParameter(parameter, value ?? DBNull.Value));
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var texts = type.Fields.Where(f => f.IsText).Select(f => $"{f.Name} ILIKE @search");
            where.Add("(" + string.Join(" OR ", texts) + ")");
            parameters.Add(new NpgsqlParameter("search", "%" + EscapeLike(query.Search.Trim()) + "%"));
        }

        var sql = string.Concat(where.Select(w => " AND " + w));
        var rows = await store.SelectAsync(type, sql,
            $"ORDER BY id {(query.NewestFirst ? "DESC" : "ASC")} LIMIT {query.Limit + 1}", parameters, ct);
        var hasMore = rows.Count > query.Limit;
        var page = rows.Take(query.Limit).Select(r => RecordJson.From(type, r)).ToList();
        return new Page<JsonObject>(page, hasMore, hasMore ? PublicId.Format(type.Prefix, rows[query.Limit - 1].Id) : null);
    }

    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}

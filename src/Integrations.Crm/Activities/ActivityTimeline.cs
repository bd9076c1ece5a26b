using System.Text.Json.Nodes;
using Integrations.Crm.Pipeline;
using Integrations.Crm.Schema;
using Integrations.Platform.Api;
using Integrations.Platform.Ids;
using Npgsql;

namespace Integrations.Crm.Activities;

/// <summary>
/// Activities newest first, a page at a time: a contact's, account's or deal's timeline, and the inbox. The cursor is
/// the last activity of the previous page; pages follow (occurred_at, id), which the (workspace, occurred_at, id)
/// index serves.
/// </summary>
public sealed class ActivityTimeline
{
    /// <summary>Must stay the expression of the index <c>ix_activities_participant_contacts</c>.</summary>
    private const string ParticipantContacts = "jsonb_path_query_array(participants, '$[*].contact_id')";

    private readonly RecordStore store;

    internal ActivityTimeline(RecordStore store) => this.store = store;

    /// <summary>
    /// A contact's activities: those linked to it or naming it among their participants. An account's: its own and
    /// its contacts'. A deal's: its own and its contact's.
    /// </summary>
    public Task<Page<JsonObject>> ForRecordAsync(RecordType type, Guid id, Guid? before, int limit, CancellationToken ct)
    {
        var (own, people) = type.Name switch
        {
            "contact" => ("contact_id", "SELECT @record"),
            "account" => ("account_id", $"SELECT id FROM contacts WHERE {RecordSql.KeyInWorkspace()} AND account_id = @record"),
            "deal" => ("deal_id", $"SELECT contact_id FROM deals WHERE {RecordSql.IdInWorkspace()} AND id = @record AND contact_id IS NOT NULL"),
            _ => throw new ArgumentException($"{type.Name} has no timeline.", nameof(type)),
        };
        return PageAsync($" AND ({own} = @record OR {WithAny(people)})", [new NpgsqlParameter("record", id)], before, limit, ct);
    }

    /// <summary>Email and message activities of every connection, as the inbox lists them.</summary>
    public Task<Page<JsonObject>> InboxAsync(InboxFilter filter, Guid? before, int limit, CancellationToken ct)
    {
        var where = $" AND kind IN ('{ActivityKinds.Email}', '{ActivityKinds.Message}')";
        var parameters = new List<NpgsqlParameter>();
        foreach (var (column, value) in new[] { ("channel", filter.Channel), ("connection_id", filter.ConnectionId), ("direction", filter.Direction) })
        {
            if (value is not null)
            {
                where += $" AND {column} = @{column}";
                parameters.Add(new NpgsqlParameter(column, value));
            }
        }

        if (filter.ContactId is { } contact)
        {
            where += $" AND (contact_id = @contact OR {WithAny("SELECT @contact")})";
            parameters.Add(new NpgsqlParameter("contact", contact));
        }

        return PageAsync(where, parameters, before, limit, ct);
    }

    /// <summary>Activities linked to, or naming among their participants, any contact <paramref name="people"/> selects.</summary>
    private static string WithAny(string people) =>
        $"contact_id = ANY(ARRAY({people})) OR {ParticipantContacts} ?| ARRAY(SELECT '{IdPrefixes.Contact}_' || replace(p::text, '-', '') FROM ({people}) AS people(p))";

    private async Task<Page<JsonObject>> PageAsync(string where, List<NpgsqlParameter> parameters, Guid? before, int limit, CancellationToken ct)
    {
        if (before is { } cursor)
        {
            where += $" AND (occurred_at, id) < (SELECT occurred_at, id FROM activities WHERE {RecordSql.IdInWorkspace()} AND id = @before)";
            parameters.Add(new NpgsqlParameter("before", cursor));
        }

        var type = RecordTypes.Activity;
        var rows = await store.SelectAsync(type, where, $"ORDER BY occurred_at DESC, id DESC LIMIT {limit + 1}", parameters, ct);
        var hasMore = rows.Count > limit;
        return new Page<JsonObject>([.. rows.Take(limit).Select(r => RecordJson.From(type, r))], hasMore,
            hasMore ? PublicId.Format(type.Prefix, rows[limit - 1].Id) : null);
    }
}

using Integrations.Crm.Pipeline;

namespace Integrations.Crm.Activities;

/// <summary>
/// The two reads the activity writer makes per batch, each one statement whatever the batch's size: contacts by the
/// participants' addresses, and the activities already stored under the batch's (connection, external id) keys.
/// Each key is probed on its own through its index (LATERAL … LIMIT 1), for the reason <see cref="RecordStore.LockAsync"/> gives.
/// </summary>
internal sealed class ActivityLookups(RecordStore store)
{
    /// <summary>Must stay the expression of the index <c>ix_contacts_phone_digits</c>.</summary>
    private const string PhoneDigits = "regexp_replace(phone, '[^0-9]', '', 'g')";

    public sealed record MatchedContact(Guid Id, Guid? AccountId);

    /// <summary>Contacts by lower-case email and by phone digits; a phone shared by several contacts goes to the oldest.</summary>
    public async Task<(Dictionary<string, MatchedContact> ByEmail, Dictionary<string, MatchedContact> ByPhone)> ContactsAsync(
        string[] emails, string[] phones, CancellationToken ct)
    {
        var byEmail = new Dictionary<string, MatchedContact>(StringComparer.Ordinal);
        var byPhone = new Dictionary<string, MatchedContact>(StringComparer.Ordinal);
        if (emails.Length + phones.Length == 0)
        {
            return (byEmail, byPhone);
        }

        await using var command = await store.CommandAsync($"""
            SELECT 'e', k.key, m.id, m.account_id FROM unnest(@emails) AS k(key)
            CROSS JOIN LATERAL (SELECT id, account_id FROM contacts WHERE {RecordSql.KeyInWorkspace()} AND email = k.key LIMIT 1) AS m
            UNION ALL
            SELECT 'p', k.key, m.id, m.account_id FROM unnest(@phones) AS k(key)
            CROSS JOIN LATERAL (SELECT id, account_id FROM contacts
                WHERE {RecordSql.KeyInWorkspace()} AND phone IS NOT NULL AND {PhoneDigits} = k.key ORDER BY id LIMIT 1) AS m
            """, ct);
        command.Parameters.AddWithValue("emails", emails);
        command.Parameters.AddWithValue("phones", phones);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var contact = new MatchedContact(reader.GetGuid(2), reader.IsDBNull(3) ? null : reader.GetGuid(3));
            (reader.GetString(0) == "e" ? byEmail : byPhone)[reader.GetString(1)] = contact;
        }

        return (byEmail, byPhone);
    }

    /// <summary>Ids of stored activities by (connection id, external id).</summary>
    public async Task<Dictionary<(string, string), Guid>> ExistingAsync(IReadOnlyCollection<(string Connection, string External)> keys,
        CancellationToken ct)
    {
        await using var command = await store.CommandAsync($"""
            SELECT k.c, k.e, m.id FROM unnest(@connections, @externals) AS k(c, e)
            CROSS JOIN LATERAL (SELECT id FROM activities
                WHERE {RecordSql.KeyInWorkspace()} AND connection_id = k.c AND external_id = k.e LIMIT 1) AS m
            """, ct);
        command.Parameters.AddWithValue("connections", keys.Select(k => k.Connection).ToArray());
        command.Parameters.AddWithValue("externals", keys.Select(k => k.External).ToArray());
        var found = new Dictionary<(string, string), Guid>(keys.Count);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            found[(reader.GetString(0), reader.GetString(1))] = reader.GetGuid(2);
        }

        return found;
    }
}

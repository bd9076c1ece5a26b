using System.Text.Json.Nodes;

namespace Integrations.Crm.Pipeline;

/// <summary>A record as stored: field values by field name (typed: string, decimal, DateOnly, bool, Guid).</summary>
internal sealed record StoredRecord(
    Guid Id, Dictionary<string, object?> Values, JsonObject CustomFields, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

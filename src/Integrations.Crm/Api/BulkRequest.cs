using System.Text.Json.Nodes;

namespace Integrations.Crm.Api;

/// <param name="UpsertBy"><c>id</c>, or the object's natural key: <c>email</c> (contact), <c>domain</c> (account),
/// <c>sku</c> (product). Omitted: match by id when given, else by the natural key.</param>
internal sealed record BulkRequest(List<JsonObject>? Records, string? UpsertBy);

internal sealed record BulkResult(int Created, int Updated, int Unchanged, IReadOnlyList<BulkItem> Results);

internal sealed record BulkItem(int Index, string Id, string Status);

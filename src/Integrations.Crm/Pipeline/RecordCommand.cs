using System.Text.Json.Nodes;

namespace Integrations.Crm.Pipeline;

public enum RecordOperation
{
    Create,
    Update,
    Upsert,
    Delete,
}

/// <summary>One change asked of the pipeline. <see cref="Fields"/> holds only the fields being set (null clears one).</summary>
public sealed record RecordCommand(RecordOperation Operation, Guid? Id = null, JsonObject? Fields = null);

/// <param name="AllOrNothing">True: any bad record fails the whole batch and nothing is stored. False (imports):
/// good records are stored and bad ones reported.</param>
/// <param name="UpsertBy">For upserts: <c>id</c> or the type's natural key; null matches by id, then natural key.</param>
/// <param name="ReturnRecords">False (imports): outcomes carry no <see cref="RecordOutcome.Record"/>, which nobody reads there.</param>
public sealed record RecordBatchOptions(bool AllOrNothing = true, string? UpsertBy = null, bool ReturnRecords = true);

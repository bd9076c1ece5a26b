using System.Text.Json.Nodes;

namespace Integrations.Crm.Pipeline;

public enum RecordChange
{
    Created,
    Updated,
    Unchanged,
    Deleted,
}

public enum RecordErrorKind
{
    Invalid,
    NotFound,
    Conflict,
    LimitReached,
}

public sealed record FieldError(string Field, string Message);

/// <summary>What happened to one command of a batch: a change and the stored record, or why not.</summary>
public sealed record RecordOutcome(int Index, Guid? Id, RecordChange? Change, JsonObject? Record, RecordErrorKind? ErrorKind,
    IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => ErrorKind is null;
}

public sealed record BatchResult(IReadOnlyList<RecordOutcome> Outcomes)
{
    /// <summary>True when every command succeeded (and so, in all-or-nothing mode, anything was stored at all).</summary>
    public bool Succeeded => Outcomes.All(o => o.Succeeded);

    /// <summary>True when another transaction stored a record with the same natural key between this batch's locking
    /// read and its write, or deadlocked with this one, so nothing was stored. Run again (after rolling back), the
    /// batch sees that record.</summary>
    public bool Raced { get; init; }

    public int Count(RecordChange change) => Outcomes.Count(o => o.Change == change);

    /// <summary>The most serious error kind in the batch, or null.</summary>
    public RecordErrorKind? ErrorKind => Outcomes.Where(o => !o.Succeeded).Select(o => o.ErrorKind).Max();
}

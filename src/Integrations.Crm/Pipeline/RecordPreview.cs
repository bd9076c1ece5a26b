using System.Text.Json.Nodes;
using Integrations.Crm.Schema;

namespace Integrations.Crm.Pipeline;

/// <summary>
/// The record some fields would make if created now, checked by the pipeline's own parsing and completeness rules,
/// without touching the database (so no uniqueness, reference or plan checks). Mapping previews show this.
/// </summary>
public static class RecordPreview
{
    public static (JsonObject Record, IReadOnlyList<FieldError> Errors) Of(RecordType type, JsonObject fields)
    {
        var draft = RecordDraft.Parse(type, 0, new RecordCommand(RecordOperation.Create, null, fields));
        draft.BecomeNew(Guid.Empty);
        draft.CheckComplete();
        var now = DateTimeOffset.UnixEpoch;
        var record = RecordJson.From(type, draft.Snapshot(now));
        record.Remove("id");
        record.Remove("created_at");
        record.Remove("updated_at");
        return (record, draft.Errors);
    }
}

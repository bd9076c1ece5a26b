using System.Text.Json.Nodes;
using Integrations.Automation.Builder;
using Integrations.Crm.Activities;
using Integrations.Crm.Pipeline;
using Integrations.Crm.Reading;
using Integrations.Crm.Schema;
using Integrations.Platform.Ids;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Integrations.Web.Pages.Shared.Activities;

namespace Integrations.Web.Pages.Records;

/// <summary>One record's form: "new" creates, a public id edits. Every save and delete goes through the pipeline.</summary>
public sealed class RecordEditModel(RecordPipeline pipeline, RecordReader reader, ActivityTimeline timeline, WorkflowAdmin workflows) : PageModel
{
    public const int TimelinePageSize = 20;

    public RecordType Type { get; private set; } = RecordTypes.Contact;

    /// <summary>The stored record, or null while creating.</summary>
    public JsonObject? Record { get; private set; }

    public IReadOnlyDictionary<string, ReferenceChoices> References { get; private set; } = new Dictionary<string, ReferenceChoices>();

    [BindProperty]
    public Dictionary<string, string?> Values { get; set; } = [];

    [TempData]
    public string? Message { get; set; }

    public bool IsNew => Record is null;

    /// <summary>The enabled workflows run by hand on this object's records ("Run workflow").</summary>
    public IReadOnlyList<ManualWorkflow> ManualWorkflows { get; private set; } = [];

    /// <summary>The activities of an existing contact, account or deal, newest first; null for other records.</summary>
    public ActivityList? Timeline { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute(Name = "object")] string objectName, string id, string? before, CancellationToken ct)
    {
        if (!await LoadAsync(objectName, id, ct))
        {
            return NotFound();
        }

        Values = RecordForm.ValuesOf(Type, Record);
        if (!IsNew)
        {
            ManualWorkflows = await workflows.ManualWorkflowsAsync(Type.Name, ct);
        }

        if (!IsNew && Type.Name is "contact" or "account" or "deal")
        {
            Guid? cursor = PublicId.TryParse(IdPrefixes.Activity, before, out var after) ? after : null;
            var page = await timeline.ForRecordAsync(Type, StoredId, cursor, TimelinePageSize, ct);
            var here = $"/records/{Type.Name}/{id}";
            Timeline = new ActivityList(page.Data,
                page.NextCursor is { } next ? $"{here}?before={next}#timeline" : null,
                cursor is null ? null : $"{here}#timeline",
                cursor is null
                    ? $"No activities with this {Type.Label.ToLowerInvariant()} yet. Emails, meetings and messages from connected apps appear here, newest first."
                    : "No older activities.");
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute(Name = "object")] string objectName, string id, CancellationToken ct)
    {
        if (!await LoadAsync(objectName, id, ct))
        {
            return NotFound();
        }

        var fields = RecordForm.ToFields(Type, Values, creating: IsNew);
        var outcome = IsNew
            ? await pipeline.CreateAsync(Type, fields, ct)
            : await pipeline.UpdateAsync(Type, StoredId, fields, ct);
        if (!outcome.Succeeded)
        {
            return Failed(outcome);
        }

        Message = $"{Type.Label} “{RecordDisplay.Title(Type, outcome.Record!)}” {(IsNew ? "created" : "saved")}.";
        return Redirect($"/records/{Type.Name}");
    }

    /// <summary>Runs a manual workflow on this record and opens the run.</summary>
    public async Task<IActionResult> OnPostRunWorkflowAsync([FromRoute(Name = "object")] string objectName, string id, string? workflowId,
        CancellationToken ct)
    {
        if (!await LoadAsync(objectName, id, ct) || IsNew)
        {
            return NotFound();
        }

        var started = await workflows.StartAsync(workflowId ?? "", id, ct);
        if (started is ({ } runId, _))
        {
            return Redirect($"/automation/runs/{runId}");
        }

        Message = started?.Error ?? "There is no such workflow.";
        return RedirectToPage(new { @object = objectName, id });
    }

    public async Task<IActionResult> OnPostDeleteAsync([FromRoute(Name = "object")] string objectName, string id, CancellationToken ct)
    {
        if (!await LoadAsync(objectName, id, ct) || IsNew)
        {
            return NotFound();
        }

        var outcome = await pipeline.DeleteAsync(Type, StoredId, ct);
        if (!outcome.Succeeded)
        {
            Values = RecordForm.ValuesOf(Type, Record);
            return Failed(outcome);
        }

        Message = $"{Type.Label} “{RecordDisplay.Title(Type, Record!)}” deleted.";
        return Redirect($"/records/{Type.Name}");
    }

    public static string FieldKey(string field) => $"{nameof(Values)}[{field}]";

    public string? ErrorFor(string field) =>
        ModelState.TryGetValue(FieldKey(field), out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public string? ValueOf(string field) => Values.GetValueOrDefault(field);

    /// <summary>Shows the pipeline's errors next to their fields (the rest above the form), keeping what was typed.</summary>
    private PageResult Failed(RecordOutcome outcome)
    {
        foreach (var error in outcome.Errors)
        {
            ModelState.AddModelError(Type.Field(error.Field) is null ? "" : FieldKey(error.Field), error.Message);
        }

        return Page();
    }

    private Guid StoredId => PublicId.TryParse(Type.Prefix, RecordForm.Text(Record!["id"]), out var id) ? id : Guid.Empty;

    private async Task<bool> LoadAsync(string objectName, string id, CancellationToken ct)
    {
        if (RecordTypes.Find(objectName) is not { } type)
        {
            return false;
        }

        Type = type;
        if (id != "new")
        {
            Record = PublicId.TryParse(type.Prefix, id, out var guid) ? await reader.GetAsync(type, guid, ct) : null;
            if (Record is null)
            {
                return false;
            }
        }

        References = await ReferenceChoices.ForAsync(reader, type, ct);
        return true;
    }
}

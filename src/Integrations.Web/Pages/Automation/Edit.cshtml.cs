using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Apps.Catalogue;
using Integrations.Apps.Connections;
using Integrations.Automation.Builder;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Integrations.Web.Pages.Automation;

/// <summary>
/// A workflow's page (<c>/automation/new</c> for a new one): the builder and the JSON tab. Both save the same way: the
/// workflow's JSON, checked by the API's rules, published as a new version; errors show beside their fields (the API's
/// ProblemDetails keys: <c>trigger.object</c>, <c>steps[1].fields.job_title</c>). Builder edits (add a step, remove a
/// condition, pick a connection) post the form back and the page comes back with the change.
/// </summary>
public sealed class EditModel(WorkflowAdmin directory, AppCatalogue catalogue, AppConnections connections) : PageModel
{
    public const string New = "new";

    public WorkflowDetail? Workflow { get; private set; }

    public BuilderChoices Choices { get; private set; } = null!;

    [BindProperty]
    public BuilderForm Form { get; set; } = new();

    [BindProperty]
    public string? Json { get; set; }

    [BindProperty]
    public string? NewStepType { get; set; }

    [FromQuery(Name = "view")]
    public string? View { get; set; }

    public Dictionary<string, string[]> Errors { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public bool IsNew => Workflow is null;

    public bool ShowJson => View == "json";

    public string? ErrorFor(string key) => Errors.TryGetValue(key, out var messages) ? string.Join(" ", messages) : null;

    /// <summary>The errors under a path (a step card's, a condition row's), with the path's own key first.</summary>
    public IEnumerable<KeyValuePair<string, string[]>> ErrorsUnder(string path) =>
        Errors.Where(e => e.Key == path || e.Key.StartsWith(path + ".", StringComparison.Ordinal) || e.Key.StartsWith(path + "[", StringComparison.Ordinal));

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (Workflow is not null)
        {
            var json = JsonNode.Parse(Workflow.Json)!.AsObject();
            Form = BuilderForm.From(json, Workflow.Enabled, Choices.StepTypes);
            Json = Shown(json, Workflow.Enabled);
            View ??= Form.Expressible ? null : "json";
        }
        else
        {
            Form.Name = "";
            Json = Form.ToJson(Choices.StepTypes).Json.ToJsonString(Indented);
        }

        return Page();
    }

    /// <summary>A builder change (<paramref name="command"/>: add-step, remove-step:N, up:N, add-condition,
    /// remove-condition:N, or a picker changed), shown without saving.</summary>
    public async Task<IActionResult> OnPostEditAsync(string id, string? command, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        ModelState.Clear();
        var (verb, index) = Parse(command);
        switch (verb)
        {
            case "add-step" when Choices.StepType(NewStepType ?? "") is { } type:
                Form.Steps.Add(new StepCard { Type = type.Type, Id = NextStepId() });
                break;
            case "remove-step" when index < Form.Steps.Count:
                Form.Steps.RemoveAt(index);
                break;
            case "up" when index > 0 && index < Form.Steps.Count:
                (Form.Steps[index - 1], Form.Steps[index]) = (Form.Steps[index], Form.Steps[index - 1]);
                break;
            case "add-condition":
                Form.Conditions.Add(new ConditionRow());
                break;
            case "remove-condition" when index < Form.Conditions.Count:
                Form.Conditions.RemoveAt(index);
                break;
        }

        Json = Shown(Form.ToJson(Choices.StepTypes).Json, Form.Enabled);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        ModelState.Clear();
        var (json, errors) = Form.ToJson(Choices.StepTypes);
        Json = Shown(json, Form.Enabled);
        return await SaveAsync(json, errors, ct);
    }

    public async Task<IActionResult> OnPostSaveJsonAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        ModelState.Clear();
        View = "json";
        JsonObject? json = null;
        var errors = new Dictionary<string, string[]>();
        try
        {
            json = JsonNode.Parse(Json ?? "") as JsonObject;
        }
        catch (JsonException e)
        {
            errors["json"] = [$"Not valid JSON: {e.Message}"];
        }

        if (json is null)
        {
            errors.TryAdd("json", ["The workflow must be a JSON object with name, trigger and steps."]);
            Errors = errors;
            return Page();
        }

        Form = BuilderForm.From(json, json["enabled"] is JsonValue v && v.GetValueKind() == JsonValueKind.True, Choices.StepTypes);
        return await SaveAsync(json, errors, ct);
    }

    public async Task<IActionResult> OnPostEnableAsync(string id, bool enabled, CancellationToken ct)
    {
        if (await directory.SetEnabledAsync(id, enabled, ct) is not { } result)
        {
            return NotFound();
        }

        Notice = EnableNotice.Of(result, enabled);
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDuplicateAsync(string id, CancellationToken ct)
    {
        if (await directory.DuplicateAsync(id, ct) is not { } copy)
        {
            return NotFound();
        }

        if (!copy.Saved)
        {
            Notice = "The workflow could not be copied: " + string.Join(" ", copy.Errors.SelectMany(e => e.Value));
            return RedirectToPage(new { id });
        }

        Notice = "This is a copy, disabled until you enable it.";
        return RedirectToPage(new { id = copy.Id });
    }

    public async Task<IActionResult> OnPostDeleteAsync(string id, CancellationToken ct)
    {
        if (!await directory.DeleteAsync(id, ct))
        {
            return NotFound();
        }

        Notice = "The workflow is deleted; its runs stay in the history for their retention.";
        return RedirectToPage("Index");
    }

    private async Task<IActionResult> SaveAsync(JsonObject json, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (errors.Count > 0)
        {
            Errors = errors;
            return Page();
        }

        var saved = IsNew ? await directory.CreateAsync(json, ct) : await directory.PublishAsync(Workflow!.Id, json, ct);
        if (saved is null)
        {
            return NotFound();
        }

        if (!saved.Saved)
        {
            Errors = new(saved.Errors);
            return Page();
        }

        Notice = IsNew ? "The workflow is saved as version 1." : $"Saved: version {saved.Version} is published; runs already started finish on their version.";
        return RedirectToPage(new { id = saved.Id, view = View });
    }

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        if (id != New)
        {
            Workflow = await directory.FindAsync(id, ct);
            if (Workflow is null)
            {
                return false;
            }
        }

        Choices = new BuilderChoices(directory, catalogue, await connections.ListAsync(null, null, 200, ct));
        return true;
    }

    private string NextStepId()
    {
        var taken = Form.Steps.Select(s => s.Id).ToHashSet();
        var n = Form.Steps.Count + 1;
        while (taken.Contains($"step_{n}"))
        {
            n++;
        }

        return $"step_{n}";
    }

    private static (string Verb, int Index) Parse(string? command)
    {
        var parts = (command ?? "").Split(':', 2);
        return (parts[0], parts.Length == 2 && int.TryParse(parts[1], out var i) && i >= 0 ? i : 0);
    }

    private static string Shown(JsonObject json, bool enabled)
    {
        var shown = (JsonObject)json.DeepClone();
        shown["enabled"] = enabled;
        return shown.ToJsonString(Indented);
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}

using Integrations.Automation.Builder;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Integrations.Web.Pages.Automation;

/// <summary>A workflow's run history, newest first, filtered by status; and "Run now" on a record.</summary>
public sealed class RunsModel(WorkflowAdmin admin) : PageModel
{
    public const int Shown = 200;

    public WorkflowDetail Workflow { get; private set; } = null!;

    public IReadOnlyList<RunRow> Runs { get; private set; } = [];

    [FromQuery(Name = "status")]
    public string? Status { get; set; }

    [BindProperty]
    public string? RecordId { get; set; }

    public string? RunError { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public static IReadOnlyList<string> Statuses => WorkflowAdmin.RunStatuses;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRunAsync(string id, CancellationToken ct)
    {
        if (await admin.StartAsync(id, RecordId, ct) is not var (runId, error))
        {
            return NotFound();
        }

        if (runId is null)
        {
            RunError = error;
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }

        Notice = "The run has started.";
        return Redirect($"/automation/runs/{runId}");
    }

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        if (await admin.FindAsync(id, ct) is not { } workflow)
        {
            return false;
        }

        Workflow = workflow;
        Runs = await admin.RunsAsync(id, Status, Shown, ct) ?? [];
        return true;
    }
}

using Integrations.Automation.Builder;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Integrations.Web.Pages.Automation;

/// <summary>One run: its trigger data and each step run's input, output, error, attempt and duration; retry a failed
/// run from its failed step, or run it again on the workflow's latest version.</summary>
public sealed class RunModel(WorkflowAdmin admin) : PageModel
{
    public RunDetail Run { get; private set; } = null!;

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(string runId, CancellationToken ct)
    {
        if (await admin.RunAsync(runId, ct) is not { } run)
        {
            return NotFound();
        }

        Run = run;
        return Page();
    }

    public async Task<IActionResult> OnPostRetryAsync(string runId, CancellationToken ct)
    {
        if (await admin.RetryAsync(runId, ct) is not { } retried)
        {
            return NotFound();
        }

        Notice = retried ? "The run goes on from its failed step." : "Only a failed run can be retried.";
        return RedirectToPage(new { runId });
    }

    public async Task<IActionResult> OnPostRerunAsync(string runId, CancellationToken ct)
    {
        if (await admin.RerunAsync(runId, ct) is not { } again)
        {
            return NotFound();
        }

        Notice = "A new run started on the latest version.";
        return RedirectToPage(new { runId = again });
    }
}

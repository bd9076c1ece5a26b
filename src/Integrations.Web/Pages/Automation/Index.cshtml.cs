using Integrations.Automation.Builder;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Integrations.Web.Pages.Automation;

/// <summary>The workspace's workflows: what starts each, its version, its last 24 hours of runs; enable or disable one.</summary>
public sealed class IndexModel(WorkflowAdmin directory) : PageModel
{
    public IReadOnlyList<WorkflowRow> Workflows { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Workflows = await directory.ListAsync(ct);

    public async Task<IActionResult> OnPostEnableAsync(string id, bool enabled, CancellationToken ct)
    {
        var result = await directory.SetEnabledAsync(id, enabled, ct);
        Notice = result is { } changed ? EnableNotice.Of(changed, enabled) : "There is no such workflow.";
        return RedirectToPage();
    }
}

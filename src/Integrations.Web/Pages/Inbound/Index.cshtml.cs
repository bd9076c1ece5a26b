using Integrations.Inbound.Sources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Integrations.Web.Pages.Inbound;

internal sealed class IndexModel(SourceDirectory directory) : PageModel
{
    public IReadOnlyList<SourceView> Sources { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Sources = await directory.ListAsync(null, 200, ct);

    public string UrlOf(SourceView source) => $"{Request.Scheme}://{Request.Host}{source.Path}";

    public Task<IActionResult> OnPostEnableAsync(string id, CancellationToken ct) => Change(id, true, ct);

    public Task<IActionResult> OnPostDisableAsync(string id, CancellationToken ct) => Change(id, false, ct);

    public async Task<IActionResult> OnPostDeleteAsync(string id, CancellationToken ct)
    {
        var deleted = await directory.DeleteAsync(id, ct);
        Notice = deleted is null ? null : $"Deleted “{deleted.Name}” and its request log.";
        return RedirectToPage();
    }

    private async Task<IActionResult> Change(string id, bool enabled, CancellationToken ct)
    {
        var edit = await directory.UpdateAsync(id, new SourceInput(Enabled: enabled), ct);
        Notice = edit?.Source is { } source ? $"{(enabled ? "Enabled" : "Disabled")} “{source.Name}”." : null;
        return RedirectToPage();
    }
}

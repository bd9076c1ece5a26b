using Integrations.ApiKeys.Keys;
using Integrations.Inbound.Sources.Management;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Integrations.Web.Pages.Inbound;

internal sealed class IndexModel(SourceDirectory directory, KeyReveal reveal) : PageModel
{
    public IReadOnlyList<SourceView> Sources { get; private set; } = [];

    /// <summary>The secret of the source created just before this view; shown this once.</summary>
    public string? NewSecret { get; private set; }

    [TempData]
    public string? RevealTicket { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        NewSecret = reveal.Take(RevealTicket);
        if (NewSecret is not null)
        {
            Response.Headers.CacheControl = "no-store";
        }

        Sources = await directory.ListAsync(null, 200, ct);
    }

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

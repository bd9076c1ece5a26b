using Integrations.Inbound.Connectors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Integrations.Web.Pages.Connectors;

public sealed class DetailModel(ConnectorDirectory directory) : PageModel
{
    public ConnectorView Connector { get; private set; } = null!;

    public IReadOnlyList<ConnectorRunView> Runs { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (await directory.FindAsync(id, ct) is not { } connector)
        {
            return NotFound();
        }

        Connector = connector;
        Runs = await directory.RunsAsync(id, null, 50, ct) ?? [];
        return Page();
    }

    public async Task<IActionResult> OnPostRunAsync(string id, CancellationToken ct)
    {
        Notice = await ConnectorActions.RunAsync(directory, id, ct);
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostEnableAsync(string id, bool enabled, CancellationToken ct)
    {
        var connector = await directory.SetEnabledAsync(id, enabled, ct);
        Notice = connector is null ? null : enabled ? $"Enabled “{connector.Name}”." : $"Disabled “{connector.Name}”; it runs only when started by hand.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDeleteAsync(string id, CancellationToken ct)
    {
        var connector = await directory.DeleteAsync(id, ct);
        TempData[nameof(Notice)] = connector is null ? null : $"Deleted “{connector.Name}”.";
        return Redirect("/integrations/connectors");
    }
}

using Integrations.Inbound.Connectors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Integrations.Web.Pages.Connectors;

public sealed class IndexModel(ConnectorDirectory directory) : PageModel
{
    public IReadOnlyList<ConnectorView> Connectors { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Connectors = await directory.ListAsync(null, 200, ct);

    public async Task<IActionResult> OnPostRunAsync(string id, CancellationToken ct)
    {
        Notice = await ConnectorActions.RunAsync(directory, id, ct);
        return RedirectToPage();
    }
}

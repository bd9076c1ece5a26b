using Integrations.Apps.Catalogue;
using Integrations.Apps.Clients;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Integrations.Web.Pages.Apps;

public sealed class DetailModel(AppCatalogue catalogue, AppClients clients, IConfiguration config) : PageModel
{
    public const string CallbackPath = "/integrations/apps/callback";

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    public AppDefinition App { get; private set; } = null!;

    public AppClientView Client { get; private set; } = null!;

    [BindProperty]
    public string? ClientId { get; set; }

    [BindProperty]
    public string? ClientSecret { get; set; }

    public Dictionary<string, string[]> Errors { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    /// <summary>What the admin registers with the provider: <c>Sentinel:PublicUrl</c> when set (behind a proxy), else
    /// the address this page was reached at.</summary>
    public string RedirectUri => (config["Sentinel:PublicUrl"] is { Length: > 0 } url ? url.TrimEnd('/') : $"{Request.Scheme}://{Request.Host}")
        + CallbackPath;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostClientAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var request = new AppClientRequest(ClientId, ClientSecret);
        Errors = await clients.ValidateAsync(App.Id, request, ct);
        if (Errors.Count > 0)
        {
            return Page();
        }

        await clients.SaveAsync(App.Id, request, ct);
        Notice = $"The OAuth client for {App.Name} is saved; its secret is stored encrypted and will not be shown again.";
        return RedirectToPage(new { id = App.Id });
    }

    public async Task<IActionResult> OnPostRemoveClientAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Notice = await clients.RemoveAsync(App.Id, ct) ? $"The workspace's OAuth client for {App.Name} is removed." : null;
        return RedirectToPage(new { id = App.Id });
    }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var messages) ? messages[0] : null;

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (catalogue.Find(Id) is not { } app)
        {
            return false;
        }

        App = app;
        Client = await clients.FindAsync(app.Id, ct);
        ClientId ??= Client.Source == AppClientView.Workspace ? Client.ClientId : null;
        return true;
    }
}

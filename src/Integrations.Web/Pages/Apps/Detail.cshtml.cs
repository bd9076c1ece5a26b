using Integrations.Apps;
using Integrations.Apps.Catalogue;
using Integrations.Apps.Clients;
using Integrations.Apps.Connect;
using Integrations.Apps.Connections;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Integrations.Web.Pages.Apps;

public sealed class DetailModel(AppCatalogue catalogue, AppClients clients, AppConnect connect, AppConnections connections, IConfiguration config)
    : PageModel
{
    public const string CallbackPath = "/integrations/apps/callback";

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    public AppDefinition App { get; private set; } = null!;

    public AppClientView Client { get; private set; } = null!;

    public IReadOnlyList<ConnectionView> Connections { get; private set; } = [];

    /// <summary>The most connections the page lists; the API pages through all of them.</summary>
    public const int ListedConnections = 100;

    [BindProperty]
    public string? ClientId { get; set; }

    [BindProperty]
    public string? ClientSecret { get; set; }

    /// <summary>Slack: the signing secret of the workspace's Slack app, which checks its event requests.</summary>
    [BindProperty]
    public string? SigningSecret { get; set; }

    public Dictionary<string, string[]> Errors { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public string? Problem { get; set; }

    /// <summary>What the admin registers with the provider: <c>Sentinel:PublicUrl</c> when set (behind a proxy), else
    /// the address this page was reached at.</summary>
    public string RedirectUri => PublicUrl + CallbackPath;

    /// <summary>Slack: the Request URL of the Slack app's Event Subscriptions.</summary>
    public string SlackEventsUrl => PublicUrl + AppsModule.SlackEventsPath;

    private string PublicUrl => config["Sentinel:PublicUrl"] is { Length: > 0 } url ? url.TrimEnd('/') : $"{Request.Scheme}://{Request.Host}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostClientAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var request = new AppClientRequest(ClientId, ClientSecret, SigningSecret);
        Errors = await clients.ValidateAsync(App.Id, request, ct);
        if (Errors.Count > 0)
        {
            return Page();
        }

        await clients.SaveAsync(App.Id, request, ct);
        Notice = $"The OAuth client for {App.Name} is saved; its secrets are stored encrypted and will not be shown again.";
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

    public async Task<IActionResult> OnPostConnectAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var start = await connect.StartAsync(App.Id, RedirectUri, ct);
        if (start.AuthorizeUrl is null)
        {
            Problem = start.Error;
            return RedirectToPage(new { id = App.Id });
        }

        return Redirect(start.AuthorizeUrl);
    }

    public async Task<IActionResult> OnPostDisconnectAsync(string connectionId, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (await connections.FindAsync(connectionId, ct) is not { } connection || connection.AppId != App.Id
            || await connections.DisconnectAsync(connectionId, ct) is not { } done)
        {
            Problem = "That connection is already gone.";
            return RedirectToPage(new { id = App.Id });
        }

        Notice = done.Revoked switch
        {
            true => $"{connection.AccountName} is disconnected: {App.Name} revoked the access, and its tokens are deleted.",
            false => $"{connection.AccountName} is disconnected here and its tokens are deleted.",
            null => $"{connection.AccountName} is disconnected and its tokens are deleted ({App.Name} offers no revocation: remove the app's access in the account's settings if you want it gone there too).",
        };
        Problem = done.Revoked == false
            ? $"{App.Name} did not confirm the revocation ({done.RevokeError}): remove Sentinel's access in the account's settings at {App.Name} too."
            : null;
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
        Connections = await connections.ListAsync(app.Id, null, ListedConnections, ct);
        ClientId ??= Client.Source == AppClientView.Workspace ? Client.ClientId : null;
        return true;
    }
}

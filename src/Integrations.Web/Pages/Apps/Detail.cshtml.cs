using System.Text.Json.Nodes;
using Integrations.Apps;
using Integrations.Apps.Actions;
using Integrations.Apps.Catalogue;
using Integrations.Apps.Clients;
using Integrations.Apps.Connect;
using Integrations.Apps.Connect.Credentials;
using Integrations.Apps.Connections;
using Integrations.Web.Pages.Shared.Mapping;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Primitives;

namespace Integrations.Web.Pages.Apps;

public sealed class DetailModel(
    AppCatalogue catalogue, AppClients clients, AppConnect connect, AppConnections connections, AppActions actions, ChannelChoices channels, IConfiguration config,
    CredentialConnect credentials)
    : PageModel
{
    public const string CallbackPath = "/integrations/apps/callback";

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    public AppDefinition App { get; private set; } = null!;

    public AppClientView Client { get; private set; } = null!;

    public IReadOnlyList<ConnectionView> Connections { get; private set; } = [];

    /// <summary>Each connection with what its forms show.</summary>
    public IReadOnlyList<ConnectionPanel> Panels { get; private set; } = [];

    /// <summary>The connection form just posted, shown again with its errors or its result.</summary>
    public PostedForm? Posted { get; private set; }

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

    /// <summary>WhatsApp: the Callback URL of the Meta app's webhook.</summary>
    public string WhatsAppWebhookUrl => PublicUrl + AppsModule.WhatsAppWebhookPath;
    public string ZoomWebhookUrl => PublicUrl + AppsModule.ZoomWebhookPath;

    /// <summary>Notion: this workspace's webhook URL, and the verification token Notion sent to it (to paste back).</summary>
    public string NotionWebhookUrl => PublicUrl + clients.NotionWebhookPath;

    public string? NotionVerificationToken { get; private set; }

    private string PublicUrl => config["Sentinel:PublicUrl"] is { Length: > 0 } url ? url.TrimEnd('/') : $"{Request.Scheme}://{Request.Host}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        await LoadPanelsAsync(ct);
        return Page();
    }

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
            await LoadPanelsAsync(ct);
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

    /// <summary>"Sync now": queues every sync of the connection; the page shows them queued, then how they ran.</summary>
    public async Task<IActionResult> OnPostSyncAsync(string connectionId, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (Connections.FirstOrDefault(c => c.Id == connectionId) is not { } connection || await connections.SyncNowAsync(connectionId, ct) is not { } synced)
        {
            Problem = "That connection is already gone.";
            return RedirectToPage(new { id = App.Id });
        }

        Notice = App.Syncs.Count == 0
            ? $"{App.Name} has nothing to sync."
            : $"Sync queued for {connection.AccountName}: {string.Join(", ", synced.Syncs.Select(s => $"{SyncName(s.Id)} {s.Status}"))}.";
        return RedirectToPage(new { id = App.Id });
    }

    public async Task<IActionResult> OnPostSettingsAsync(string connectionId, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var form = Form();
        var settings = FormFields.Settings(App.Settings, form, SettingsPrefix);
        var mappings = new Dictionary<string, MappingForm>();
        foreach (var field in App.Settings.Where(f => f.Type == "mapping"))
        {
            // The mapping editor's rows, as an inbound source's page binds them; no rows at all clear the mapping.
            var mapping = new MappingForm();
            await TryUpdateModelAsync(mapping, SettingsPrefix + field.Name);
            mapping.Compact();
            mappings[field.Name] = mapping;
            settings[field.Name] = mapping.Fields.Count == 0 ? "" : JsonNode.Parse(mapping.ToMapping().ToJson());
        }

        var (view, errors) = Connections.Any(c => c.Id == connectionId)
            ? await connections.UpdateSettingsAsync(connectionId, settings, ct)
            : (null, []);
        if (errors.Count > 0)
        {
            Posted = new PostedForm(connectionId, PostedForm.Settings, form)
            {
                Errors = ByField(errors, SettingsPrefix), Mappings = mappings,
                AllErrors = errors.ToDictionary(e => e.Key.StartsWith(SettingsPrefix, StringComparison.Ordinal) ? e.Key[SettingsPrefix.Length..] : e.Key, e => e.Value),
            };
            await LoadPanelsAsync(ct);
            return Page();
        }

        (Notice, Problem) = view is null ? (null, "That connection is already gone.") : ($"The settings of {view.AccountName} are saved.", (string?)null);
        return RedirectToPage(new { id = App.Id });
    }

    /// <summary>Runs one of the app's actions by hand, as a workflow step would, and shows its result or the provider's error.</summary>
    public async Task<IActionResult> OnPostActionAsync(string connectionId, string actionId, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var form = Form();
        var definition = App.Actions.FirstOrDefault(a => a.Id == actionId);
        if (definition is null || Connections.All(c => c.Id != connectionId))
        {
            Problem = "That connection or action is gone.";
            return RedirectToPage(new { id = App.Id });
        }

        var outcome = await actions.RunAsync(connectionId, actionId, FormFields.Input(definition.Fields, form, InputPrefix), ct);
        Posted = new PostedForm(connectionId, actionId, form)
        {
            Errors = ByField(outcome.Errors ?? [], InputPrefix),
            Result = outcome.Result,
            Problem = outcome.RetryAfter is { } after
                ? $"{App.Name} is throttling: try again in {Math.Ceiling(after.TotalSeconds):N0} s."
                : outcome.ProviderError ?? outcome.Unusable ?? outcome.Missing,
            Unusable = outcome.Unusable is not null,
        };
        // The run may have found the grant gone (needs_reauth): show the connection as it is now.
        Connections = await connections.ListAsync(App.Id, null, ListedConnections, ct);
        await LoadPanelsAsync(ct);
        return Page();
    }

    /// <summary>An app that takes credentials (WhatsApp): checked with the provider, then stored as a connection.</summary>
    public async Task<IActionResult> OnPostCredentialsAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var form = Form();
        var outcome = await credentials.ConnectAsync(App.Id, FormFields.Input(App.Auth.Fields, form, CredentialsPrefix), ct);
        if (outcome.Connection is not { } connection)
        {
            Errors = outcome.Errors;
            PostedCredentials = form;
            await LoadPanelsAsync(ct);
            return Page();
        }

        Notice = $"{connection.AccountName} ({connection.Account}) is {(outcome.Reconnected ? "connected again with the new credentials" : "connected")}. "
            + "Register the webhook URL with its verify token in Meta's app dashboard to receive its messages.";
        return RedirectToPage(new { id = App.Id });
    }

    /// <summary>The credential form as just posted (its non-secret values are shown again with the errors).</summary>
    public Dictionary<string, StringValues> PostedCredentials { get; private set; } = [];

    public string PostedCredential(string name) => PostedCredentials.GetValueOrDefault(name).ToString();

    public const string CredentialsPrefix = "credentials.";
    public const string SettingsPrefix = "settings.";
    public const string InputPrefix = "input.";

    public string SyncName(string syncId) => App.Syncs.FirstOrDefault(s => s.Id == syncId)?.Name ?? syncId;

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
        NotionVerificationToken = app.Id == "notion" ? await clients.NotionVerificationTokenAsync(ct) : null;
        return true;
    }

    private async Task LoadPanelsAsync(CancellationToken ct)
    {
        var choosesChannels = App.Settings.Concat(App.Actions.SelectMany(a => a.Fields)).Any(f => f.Type is "channel" or "channels");
        var panels = new List<ConnectionPanel>();
        foreach (var connection in Connections)
        {
            // A connection that must be connected again cannot list them: its form falls back to typing ids.
            var usable = connection.Status is not (ConnectionStatus.NeedsReauth or ConnectionStatus.Disconnected);
            var listed = !choosesChannels ? null : usable ? await channels.ListAsync(connection.Id, ct) : new ChannelList([], null);
            panels.Add(new ConnectionPanel(App, connection, listed, Posted));
        }

        Panels = panels;
    }

    private Dictionary<string, StringValues> Form() => Request.HasFormContentType
        ? Request.Form.ToDictionary(f => f.Key, f => f.Value)
        : [];

    private static Dictionary<string, string> ByField(Dictionary<string, string[]> errors, string prefix) =>
        errors.ToDictionary(e => e.Key.StartsWith(prefix, StringComparison.Ordinal) ? e.Key[prefix.Length..] : e.Key, e => e.Value[0]);
}

using Integrations.Apps.Catalogue;
using Integrations.Apps.Clients;

namespace Integrations.Apps.Api;

/// <summary>An app as <c>GET /api/v1/apps</c> shows it: what it is, the scopes it asks for, what it offers, and the
/// OAuth client it would connect with (never the secret).</summary>
public sealed record AppView(
    string Id,
    string Name,
    string Category,
    string Summary,
    string AuthKind,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<ActionField> Settings,
    IReadOnlyList<AppFeature> Syncs,
    IReadOnlyList<AppAction> Actions,
    IReadOnlyList<AppFeature> Triggers,
    AppClientView Client)
{
    internal static AppView Of(AppDefinition app, AppClientView client) => new(
        app.Id, app.Name, app.Category, app.Summary, app.Auth.Kind, app.Auth.Scopes, app.Settings, app.Syncs, app.Actions, app.Triggers, client);
}

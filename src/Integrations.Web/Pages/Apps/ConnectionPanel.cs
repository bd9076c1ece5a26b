using Integrations.Apps.Catalogue;
using Integrations.Apps.Connections;

namespace Integrations.Web.Pages.Apps;

/// <summary>What the app page shows of one connection: its state, its syncs, its settings form and its actions' forms
/// (with the Slack channels to choose from, when the app has channel fields).</summary>
public sealed record ConnectionPanel(AppDefinition App, ConnectionView Connection, ChannelList? Channels, PostedForm? Posted)
{
    public bool NeedsReauth => Connection.Status is ConnectionStatus.NeedsReauth or ConnectionStatus.Disconnected || Connection.TokenExpired;

    public PostedForm? PostedAs(string form) => Posted is { } posted && posted.Is(Connection.Id, form) ? posted : null;
}

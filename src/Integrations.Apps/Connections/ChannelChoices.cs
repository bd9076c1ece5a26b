using Integrations.Apps.Calls;
using Integrations.Apps.Catalogue;
using Integrations.Apps.Providers.Slack;
using Integrations.Apps.Tokens;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Apps.Connections;

/// <summary>The channels a connection's <c>channel</c> and <c>channels</c> fields choose from (Slack's public channels),
/// for the app's page. When they cannot be listed the page falls back to typing channel ids.</summary>
public sealed class ChannelChoices
{
    private readonly IntegrationsDbContext db;
    private readonly AppCatalogue catalogue;
    private readonly SlackChannels slack;

    internal ChannelChoices(IntegrationsDbContext db, AppCatalogue catalogue, SlackChannels slack)
    {
        this.db = db;
        this.catalogue = catalogue;
        this.slack = slack;
    }

    /// <summary>The channels, or why there are none to choose from (the provider's error, or the connection's state).</summary>
    public async Task<ChannelList> ListAsync(string connectionId, CancellationToken ct)
    {
        var connection = PublicId.TryParse(IdPrefixes.AppConnection, connectionId, out var key)
            ? await db.Set<AppConnection>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == key, ct)
            : null;
        if (connection is null || catalogue.Find(connection.AppId) is not { Id: "slack" } app)
        {
            return new ChannelList([], "This connection has no channels to choose from.");
        }

        try
        {
            return new ChannelList(await slack.ListAsync(app, connection, ct), null);
        }
        catch (ProviderException e)
        {
            return new ChannelList([], $"{app.Name} did not list the channels: {e.Message}");
        }
        catch (ConnectionUnusableException e)
        {
            return new ChannelList([], e.Message);
        }
    }
}

/// <summary>A channel to choose: its id (what is stored and sent) and its name.</summary>
public sealed record ChannelChoice(string Id, string Name);

/// <summary>The channels of a connection, or <see cref="Error"/> when they could not be listed.</summary>
public sealed record ChannelList(IReadOnlyList<ChannelChoice> Channels, string? Error);

using System.Text.Json.Nodes;
using Integrations.Apps.Actions;
using Integrations.Apps.Catalogue;
using Integrations.Apps.Connections;
using Integrations.Apps.Security;
using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Apps.Connect.Credentials;

/// <summary>
/// Connects an app whose admin enters credentials instead of consenting over OAuth (WhatsApp): the fields are checked
/// against the catalogue's <c>auth.fields</c>, then by the app's <see cref="ICredentialCheck"/> calling the provider
/// with them; only then is the connection stored, through the same store as OAuth's. The <c>access_token</c> becomes
/// its token; the other fields its settings, a secret one encrypted (shown "set", never again).
/// </summary>
public sealed class CredentialConnect
{
    private readonly AppCatalogue catalogue;
    private readonly IEnumerable<ICredentialCheck> checks;
    private readonly ConnectionStore store;
    private readonly ConnectionViews views;
    private readonly AppSecrets secrets;
    private readonly IntegrationsDbContext db;

    internal CredentialConnect(AppCatalogue catalogue, IEnumerable<ICredentialCheck> checks, ConnectionStore store, ConnectionViews views,
        AppSecrets secrets, IntegrationsDbContext db)
    {
        this.catalogue = catalogue;
        this.checks = checks;
        this.store = store;
        this.views = views;
        this.secrets = secrets;
        this.db = db;
    }

    /// <summary>The connection (new, or the same account's with its credentials replaced), or errors by field
    /// (<c>credentials.{name}</c>), or <see cref="CredentialConnectOutcome.Missing"/> when there is no such app.</summary>
    public async Task<CredentialConnectOutcome> ConnectAsync(string appId, JsonObject? credentials, CancellationToken ct)
    {
        if (catalogue.Find(appId) is not { } app)
        {
            return new CredentialConnectOutcome { Missing = $"There is no app '{appId}'." };
        }

        if (app.Auth.Kind != AppAuth.Credentials || checks.FirstOrDefault(c => c.AppId == app.Id) is not { } check)
        {
            return Refused("app", $"{app.Name} connects over OAuth: use Connect on its page.");
        }

        var (values, errors) = ActionInputs.Read(app.Auth.Fields, credentials, "credentials.");
        if (errors.Count > 0)
        {
            return new CredentialConnectOutcome { Errors = errors };
        }

        var checkedOut = await check.CheckAsync(app, values, ct);
        if (checkedOut.Account is not { } account)
        {
            return new CredentialConnectOutcome { Errors = checkedOut.Errors };
        }

        var token = values[AppAuth.AccessTokenField]!.GetValue<string>();
        var reconnected = await store.SaveAsync(app, account, new GrantedTokens(token, null, null, null, default), ct,
            connection => connection.Settings = Settings(app, check, connection.Settings, values));
        var stored = await db.Set<AppConnection>().AsNoTracking().FirstAsync(c => c.AppId == app.Id && c.Account == account.Account, ct);
        return new CredentialConnectOutcome { Connection = (await views.OfAsync([stored], ct))[0], Reconnected = reconnected };
    }

    private string Settings(AppDefinition app, ICredentialCheck check, string current, JsonObject values)
    {
        var settings = JsonNode.Parse(current) as JsonObject ?? [];
        foreach (var field in app.Auth.Fields.Where(f => f.Name != AppAuth.AccessTokenField && values.ContainsKey(f.Name)))
        {
            var value = values[field.Name]!.GetValue<string>();
            settings[field.Name] = field.Type == "secret" ? secrets.Protect(value) : value;
        }

        check.Complete(settings);
        return settings.ToJsonString();
    }

    private static CredentialConnectOutcome Refused(string field, string message) =>
        new() { Errors = new() { [field] = [message] } };
}

/// <summary>What entering credentials did: the <see cref="Connection"/> (<see cref="Reconnected"/> when the account was
/// connected before), or the <see cref="Errors"/> by field, or <see cref="Missing"/>.</summary>
public sealed record CredentialConnectOutcome
{
    public ConnectionView? Connection { get; init; }
    public bool Reconnected { get; init; }
    public Dictionary<string, string[]> Errors { get; init; } = [];
    public string? Missing { get; init; }
}

using System.Security.Cryptography;
using Integrations.Apps.Catalogue;
using Integrations.Apps.Clients;
using Integrations.Apps.Connections;
using Integrations.Apps.Security;
using Integrations.Platform.Callers;

namespace Integrations.Apps.Connect;

/// <summary>
/// Connecting an account: <see cref="StartAsync"/> sends the admin to the provider's consent with a single-use
/// <c>state</c> (bound to the admin and workspace, 10 minutes) and PKCE; <see cref="CompleteAsync"/> takes the callback,
/// exchanges the code, reads whose account it is and saves the connection. Every refusal stores nothing.
/// </summary>
public sealed class AppConnect
{
    private readonly AppCatalogue catalogue;
    private readonly AppClients clients;
    private readonly ConnectStates states;
    private readonly TokenExchange exchange;
    private readonly AccountReader accounts;
    private readonly ConnectionStore store;
    private readonly AppSecrets secrets;
    private readonly Caller caller;
    private readonly TimeProvider clock;
    private readonly IEnumerable<IConnectionHook> hooks;

    internal AppConnect(AppCatalogue catalogue, AppClients clients, ConnectStates states, TokenExchange exchange, AccountReader accounts,
        ConnectionStore store, AppSecrets secrets, Caller caller, TimeProvider clock, IEnumerable<IConnectionHook> hooks)
    {
        this.hooks = hooks;
        this.catalogue = catalogue;
        this.clients = clients;
        this.states = states;
        this.exchange = exchange;
        this.accounts = accounts;
        this.store = store;
        this.secrets = secrets;
        this.caller = caller;
        this.clock = clock;
    }

    /// <summary>The authorize URL to send the admin's browser to, or why there is none (no OAuth client yet).</summary>
    public async Task<ConnectStart> StartAsync(string appId, string redirectUri, CancellationToken ct)
    {
        if (catalogue.Find(appId) is not { Auth.Kind: AppAuth.OAuth2 } app)
        {
            return new ConnectStart(null, "This app does not connect over OAuth.");
        }

        if (await clients.CredentialsAsync(app.Id, ct) is not { } client)
        {
            return new ConnectStart(null, $"Enter the OAuth client {app.Name} gave you first (its secret too), then connect.");
        }

        var state = ConnectSecrets.NewState();
        var verifier = app.Auth.Pkce ? ConnectSecrets.NewVerifier() : null;
        await states.SaveAsync(state, app.Id, verifier is null ? null : secrets.Protect(verifier), redirectUri, ct);
        return new ConnectStart(AuthorizeUrl.For(app, client.ClientId, redirectUri, state, verifier), null);
    }

    public async Task<ConnectOutcome> CompleteAsync(ConnectCallback callback, CancellationToken ct)
    {
        // Taken first, whatever the answer: a state is good for one callback only.
        var taken = string.IsNullOrEmpty(callback.State) ? null : await states.TakeAsync(callback.State, ct);
        if (taken is null)
        {
            return ConnectOutcome.Refused("This sign-in link is unknown or was already used. Start again with Connect on the app's page.");
        }

        if (taken.WorkspaceId != caller.WorkspaceId || taken.AdminId != caller.ActorId)
        {
            return ConnectOutcome.Refused("This sign-in was started by another admin or in another workspace, so it cannot finish here. Start again with Connect.");
        }

        // The provider's words are shown only for a sign-in this admin started: a crafted link puts no text on our page.
        if (!string.IsNullOrEmpty(callback.Error))
        {
            // LinkedIn says user_cancelled_authorize (Cancel on its consent page) or user_cancelled_login.
            return ConnectOutcome.Refused(callback.Error is "access_denied" or "user_cancelled_authorize" or "user_cancelled_login"
                ? "The consent was declined, so nothing was connected."
                : $"The provider sent back an error: {ProviderErrors.Bounded(callback.Error + (callback.ErrorDescription is { } d ? ": " + d : ""))}. Nothing was connected.",
                taken.AppId);
        }

        if (taken.ExpiresAt <= clock.GetUtcNow())
        {
            return ConnectOutcome.Refused("This sign-in took longer than 10 minutes and expired. Start again with Connect.", taken.AppId);
        }

        if (catalogue.Find(taken.AppId) is not { } app || string.IsNullOrEmpty(callback.Code))
        {
            return ConnectOutcome.Refused("The provider sent back no authorization code. Nothing was connected.", taken.AppId);
        }

        return await FinishAsync(app, taken, callback.Code, ct);
    }

    private async Task<ConnectOutcome> FinishAsync(AppDefinition app, TakenState taken, string code, CancellationToken ct)
    {
        if (await clients.CredentialsAsync(app.Id, ct) is not { } client)
        {
            return ConnectOutcome.Refused($"The OAuth client for {app.Name} is gone or unreadable; enter it again, then connect.", app.Id);
        }

        string? verifier;
        try
        {
            verifier = taken.VerifierCiphertext is null ? null : secrets.Unprotect(taken.VerifierCiphertext);
        }
        catch (CryptographicException)
        {
            return ConnectOutcome.Refused("This sign-in can no longer be read. Start again with Connect.", app.Id);
        }

        var (tokens, tokenError) = await exchange.ExchangeAsync(app, client, code, taken.RedirectUri, verifier, ct);
        if (tokens is null)
        {
            return ConnectOutcome.Refused(ProviderErrors.Describe(app.Name, "authorization code", tokenError!), app.Id);
        }

        var (account, accountError) = await accounts.ReadAsync(app, tokens, ct);
        if (account is null)
        {
            return ConnectOutcome.Refused(ProviderErrors.Describe(app.Name, "account lookup", accountError!), app.Id);
        }

        var replaced = await store.SaveAsync(app, account, tokens, ct);
        var message = replaced
            ? $"{account.Name} was connected again; its new tokens replace the old ones."
            : $"{account.Name} is connected to {app.Name}.";
        // The connection stands whatever the app's own step at the provider says: its problem is shown beside it.
        if (hooks.FirstOrDefault(h => h.AppId == app.Id) is { } hook && await store.FindAsync(app, account, ct) is { } connection
            && await hook.ConnectedAsync(connection, taken.RedirectUri, ct) is { } problem)
        {
            message += " " + problem;
        }

        return new ConnectOutcome(true, app.Id, message);
    }
}

using System.Text.Json.Nodes;
using Integrations.Apps.Calls;
using Integrations.Apps.Catalogue;
using Integrations.Apps.Connections;
using Integrations.Apps.Security;
using Integrations.Apps.Tokens;
using Integrations.Platform.Audit;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Apps.Actions;

/// <summary>Runs an app's action for a connection of the workspace (from the API, the app's page, later a workflow
/// step): the input checked against the action's fields, the provider called with a fresh token, the run audited.</summary>
public sealed class AppActions
{
    private readonly IntegrationsDbContext db;
    private readonly AppCatalogue catalogue;
    private readonly IEnumerable<IAppAction> actions;
    private readonly AppSecrets secrets;
    private readonly AuditTrail audit;

    internal AppActions(IntegrationsDbContext db, AppCatalogue catalogue, IEnumerable<IAppAction> actions, AppSecrets secrets, AuditTrail audit)
    {
        this.db = db;
        this.catalogue = catalogue;
        this.actions = actions;
        this.secrets = secrets;
        this.audit = audit;
    }

    public async Task<ActionOutcome> RunAsync(string connectionId, string actionId, JsonObject? input, CancellationToken ct)
    {
        var connection = PublicId.TryParse(IdPrefixes.AppConnection, connectionId, out var key)
            ? await db.Set<AppConnection>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == key, ct)
            : null;
        if (connection is null || catalogue.Find(connection.AppId) is not { } app)
        {
            return new ActionOutcome { Missing = $"There is no connection {connectionId}." };
        }

        if (app.Actions.FirstOrDefault(a => a.Id == actionId) is not { } action)
        {
            return new ActionOutcome
            {
                Missing = $"{app.Name} has no action '{actionId}'. Actions: {string.Join(", ", app.Actions.Select(a => a.Id))}.",
            };
        }

        // Every action of the catalogue has its class (a test checks); a missing one is a build without it.
        var runner = actions.First(a => a.AppId == app.Id && a.ActionId == actionId);
        var (values, errors) = Check(action, runner, input);
        if (errors.Count > 0)
        {
            return new ActionOutcome { Errors = errors };
        }

        var context = new ActionContext(app, action, connection, ConnectionSettings.Of(connection, secrets));
        ActionOutcome outcome;
        try
        {
            outcome = new ActionOutcome { Result = await runner.RunAsync(context, values, ct) };
        }
        catch (ProviderThrottledException e)
        {
            outcome = new ActionOutcome { ProviderError = e.Message, RetryAfter = e.RetryAfter };
        }
        catch (ProviderException e)
        {
            outcome = new ActionOutcome { ProviderError = $"{app.Name} refused the action: {e.Message}" };
        }
        catch (ConnectionUnusableException e)
        {
            outcome = new ActionOutcome { Unusable = e.Message };
        }
        catch (ActionInputException e)
        {
            return new ActionOutcome { Errors = new() { [e.Field] = [e.Message] } };
        }
        catch (SettingMissingException e)
        {
            return new ActionOutcome { Errors = new() { ["settings." + e.Setting] = [e.Message] } };
        }

        await audit.AppendAsync("app.action_run", "app_connection", connectionId,
            new { app_id = app.Id, action = actionId, ok = outcome.Result is not null, error = outcome.ProviderError ?? outcome.Unusable }, ct);
        return outcome;
    }

    /// <summary>What running <paramref name="actionId"/> on the workspace's connection would refuse, without calling the
    /// provider (a workflow step checked when saved): errors keyed <c>connection_id</c>, <c>action</c> or
    /// <c>input.{field}</c>. The <paramref name="knownLater"/> fields get their values when the action runs (templates):
    /// they count as given, and the action's own checks across fields wait for the run.</summary>
    public async Task<Dictionary<string, string[]>> CheckAsync(string connectionId, string actionId, JsonObject input,
        IReadOnlySet<string> knownLater, CancellationToken ct)
    {
        var connection = PublicId.TryParse(IdPrefixes.AppConnection, connectionId, out var key)
            ? await db.Set<AppConnection>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == key, ct)
            : null;
        if (connection is null || catalogue.Find(connection.AppId) is not { } app)
        {
            return new() { ["connection_id"] = [$"There is no connection {connectionId} in this workspace."] };
        }

        if (app.Actions.FirstOrDefault(a => a.Id == actionId) is not { } action)
        {
            return new() { ["action"] = [$"{app.Name} has no action '{actionId}'. Actions: {string.Join(", ", app.Actions.Select(a => a.Id))}."] };
        }

        var given = new JsonObject();
        foreach (var (name, value) in input)
        {
            given[name] = knownLater.Contains(name) && action.Fields.Any(f => f.Name == name) ? null : value?.DeepClone();
        }

        var (values, errors) = ActionInputs.Read(action.Fields, given, "input.");
        foreach (var field in action.Fields.Where(f => knownLater.Contains(f.Name)))
        {
            errors.Remove("input." + field.Name);
        }

        var runner = actions.First(a => a.AppId == app.Id && a.ActionId == actionId);
        return errors.Count == 0 && knownLater.Count == 0 ? runner.Check(values) : errors;
    }

    /// <summary>What running the app's action with <paramref name="input"/> would refuse (its fields, then the action's
    /// own checks), keyed <c>input.{field}</c>, without calling the provider (a post checked when it is scheduled).</summary>
    internal Dictionary<string, string[]> Check(string appId, string actionId, JsonObject input)
    {
        var action = catalogue.Find(appId)?.Actions.FirstOrDefault(a => a.Id == actionId);
        var runner = actions.FirstOrDefault(a => a.AppId == appId && a.ActionId == actionId);
        return action is null || runner is null
            ? new() { ["input"] = [$"The {appId} app has no action '{actionId}'."] }
            : Check(action, runner, input).Errors;
    }

    private static (JsonObject Values, Dictionary<string, string[]> Errors) Check(AppAction action, IAppAction runner, JsonObject? input)
    {
        var (values, errors) = ActionInputs.Read(action.Fields, input, "input.");
        return (values, errors.Count == 0 ? runner.Check(values) : errors);
    }
}

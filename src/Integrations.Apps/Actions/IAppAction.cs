using System.Text.Json.Nodes;
using Integrations.Apps.Catalogue;
using Integrations.Apps.Connections;

namespace Integrations.Apps.Actions;

/// <summary>One action an app offers (its catalogue entry's <c>actions</c>). The input was validated against the
/// action's fields already (<see cref="ActionInputs"/>); the answer is what the API returns as the action's result.
/// Provider errors are thrown as <c>ProviderException</c>.</summary>
internal interface IAppAction
{
    string AppId { get; }
    string ActionId { get; }

    /// <summary>What the fields alone cannot say is wrong with the input (an end before its start), keyed
    /// <c>input.{field}</c>; checked before <see cref="RunAsync"/>, which then does not run.</summary>
    Dictionary<string, string[]> Check(JsonObject input) => [];

    Task<JsonObject> RunAsync(ActionContext context, JsonObject input, CancellationToken ct);
}

/// <summary>What an action runs with: the app, the action, the connection (call its API with <c>AppApi</c>) and its settings.</summary>
internal sealed record ActionContext(AppDefinition App, AppAction Action, AppConnection Connection, ConnectionSettings Settings);

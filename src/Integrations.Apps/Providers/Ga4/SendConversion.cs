using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Integrations.Apps.Actions;
using Integrations.Apps.Calls;
using Integrations.Apps.Connections;

namespace Integrations.Apps.Providers.Ga4;

/// <summary>
/// GA4's <c>send_conversion</c>: one event through the Measurement Protocol (<c>POST /mp/collect</c>) with the
/// connection's measurement id and API secret (settings). The protocol answers 2xx even to an event it drops, so a bad
/// event is refused here, by GA4's naming rules, rather than by its validation endpoint (<c>/debug/mp/collect</c>),
/// which would double every call.
/// </summary>
internal sealed partial class SendConversion(AppApi api) : IAppAction
{
    public string AppId => "ga4";
    public string ActionId => "send_conversion";

    public async Task<JsonObject> RunAsync(ActionContext context, JsonObject input, CancellationToken ct)
    {
        var measurementId = context.Settings.Text("measurement_id")?.Trim()
            ?? throw new SettingMissingException("measurement_id", "Set the connection's measurement id (G-…, Admin → Data streams) to send conversions.");
        var secret = context.Settings.Secret("api_secret")
            ?? throw new SettingMissingException("api_secret", "Set the connection's Measurement Protocol API secret (Admin → Data streams → Measurement Protocol API secrets) to send conversions.");
        var name = (string)input["event_name"]!;
        if (!EventName().IsMatch(name) || Reserved.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ActionInputException("input.event_name",
                "GA4 event names are up to 40 letters, digits and underscores, start with a letter, and do not start with ga_, google_ or firebase_.");
        }

        var parameters = new JsonObject();
        if (input["value"] is { } value)
        {
            parameters["value"] = value.DeepClone();
            parameters["currency"] = input["currency"] is { } currency && Currency().IsMatch((string)currency!) ? (string)currency!
                : throw new ActionInputException("input.currency", "A value needs its currency as an ISO 4217 code, e.g. USD.");
        }

        if (input["transaction_id"] is { } transaction)
        {
            parameters["transaction_id"] = transaction.DeepClone();
        }

        var body = new JsonObject
        {
            ["client_id"] = input["client_id"]!.DeepClone(),
            ["events"] = new JsonArray(new JsonObject { ["name"] = name, ["params"] = parameters }),
        };
        var url = $"{context.App.Urls["measurement"].TrimEnd('/')}/mp/collect?measurement_id={Uri.EscapeDataString(measurementId)}&api_secret={Uri.EscapeDataString(secret)}";
        using var _ = await api.SendWithoutTokenAsync(() => new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) }, ct);
        return new JsonObject { ["sent"] = true, ["measurement_id"] = measurementId, ["event_name"] = name, ["client_id"] = input["client_id"]!.DeepClone() };
    }

    private static readonly string[] Reserved = ["ga_", "google_", "firebase_"];

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,39}$")]
    private static partial System.Text.RegularExpressions.Regex EventName();

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Z]{3}$")]
    private static partial System.Text.RegularExpressions.Regex Currency();
}

using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Integrations.Apps.Actions;
using Integrations.Apps.Calls;
using Integrations.Apps.Connect;

namespace Integrations.Apps.Providers.Calendly;

/// <summary>
/// Calendly's <c>create_scheduling_link</c>: <c>POST /scheduling_links</c> with <c>max_event_count</c> 1, the event type
/// as <c>owner</c> and <c>owner_type</c> <c>EventType</c>: a booking link good for one booking, which a later workflow
/// step sends to a contact. The event type is its API uri (<c>…/event_types/{uuid}</c>).
/// </summary>
internal sealed class CreateSchedulingLink(AppApi api) : IAppAction
{
    public string AppId => CalendlyServices.AppId;
    public string ActionId => "create_scheduling_link";

    public Dictionary<string, string[]> Check(JsonObject input) =>
        Uri.TryCreate((string?)input["event_type"], UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            && uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) is [.., "event_types", { Length: > 0 }]
            ? []
            : new() { ["input.event_type"] = ["An event type is its Calendly uri, https://api.calendly.com/event_types/{uuid}."] };

    public async Task<JsonObject> RunAsync(ActionContext context, JsonObject input, CancellationToken ct)
    {
        var body = new JsonObject { ["max_event_count"] = 1, ["owner"] = (string)input["event_type"]!, ["owner_type"] = "EventType" };
        var url = $"{context.App.Urls["api"].TrimEnd('/')}/scheduling_links";
        using var answer = await api.SendAsync(context.Connection, () => new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) }, ct);
        return new JsonObject
        {
            ["booking_url"] = JsonPaths.Text(answer.RootElement, "$.resource.booking_url") ?? throw new ProviderException("Calendly's answer has no booking_url", 502),
            ["owner"] = JsonPaths.Text(answer.RootElement, "$.resource.owner"),
            ["owner_type"] = JsonPaths.Text(answer.RootElement, "$.resource.owner_type"),
        };
    }
}

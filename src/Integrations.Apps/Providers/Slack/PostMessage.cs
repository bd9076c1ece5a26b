using System.Text;
using System.Text.Json.Nodes;
using Integrations.Apps.Actions;
using Integrations.Apps.Calls;
using Integrations.Apps.Connect;

namespace Integrations.Apps.Providers.Slack;

/// <summary>Slack's <c>post_message</c>: <c>chat.postMessage</c> with the bot token and a JSON body (channel, text and
/// the optional Block Kit blocks, for which the text is the notification's fallback). Slack refuses with HTTP 200 and
/// <c>ok: false</c> (<c>channel_not_found</c>, <c>not_in_channel</c>…), which <c>AppApi</c> turns into the provider's error.</summary>
internal sealed class PostMessage(AppApi api) : IAppAction
{
    public string AppId => "slack";

    public string ActionId => "post_message";

    public async Task<JsonObject> RunAsync(ActionContext context, JsonObject input, CancellationToken ct)
    {
        var body = new JsonObject { ["channel"] = input["channel"]?.DeepClone(), ["text"] = input["text"]?.DeepClone() };
        if (input["blocks"] is { } blocks)
        {
            body["blocks"] = blocks.DeepClone();
        }

        var json = body.ToJsonString();
        var url = SlackMethods.Url(context.App, "chat.postMessage");
        using var answer = await api.SendAsync(context.Connection,
            () => new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") }, ct);
        return new JsonObject
        {
            ["channel"] = JsonPaths.Text(answer.RootElement, "$.channel"),
            ["ts"] = JsonPaths.Text(answer.RootElement, "$.ts"),
        };
    }
}

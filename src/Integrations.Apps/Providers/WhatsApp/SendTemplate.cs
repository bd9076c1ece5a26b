using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Integrations.Apps.Actions;

namespace Integrations.Apps.Providers.WhatsApp;

/// <summary>WhatsApp's <c>send_template</c>: an approved template by name and language, its body parameters given as
/// texts where <c>{{field}}</c> is the named contact's field; recorded as an outbound message activity. Templates open a
/// conversation at any time; Meta refuses one it does not know or whose parameters do not fit (its words are shown).</summary>
internal sealed partial class SendTemplate(WhatsAppRecipient recipients, WhatsAppMessages messages, WhatsAppActivities activities, TimeProvider clock)
    : IAppAction
{
    /// <summary>Body parameters a template can take, and the length of one.</summary>
    public const int MaxParameters = 100;
    public const int MaxParameterLength = 1_024;

    public string AppId => WhatsAppNames.AppId;

    public string ActionId => "send_template";

    public Dictionary<string, string[]> Check(JsonObject input) =>
        input["parameters"] is null or JsonArray { Count: <= MaxParameters } && Texts(input).All(p => p is { Length: > 0 and <= MaxParameterLength })
            ? []
            : new() { ["input.parameters"] = [$"Expected a JSON array of at most {MaxParameters} texts of 1 to {MaxParameterLength:N0} characters."] };

    public async Task<JsonObject> RunAsync(ActionContext context, JsonObject input, CancellationToken ct)
    {
        var to = await recipients.ResolveAsync(input, ct);
        var parameters = Texts(input).Select((text, i) => Fill(text!, i, to.Contact)).ToList();
        var (name, language) = ((string)input["template"]!, (string)input["language"]!);
        var template = new JsonObject { ["name"] = name, ["language"] = new JsonObject { ["code"] = language } };
        if (parameters.Count > 0)
        {
            template["components"] = new JsonArray(new JsonObject
            {
                ["type"] = "body",
                ["parameters"] = new JsonArray([.. parameters.Select(p => new JsonObject { ["type"] = "text", ["text"] = p })]),
            });
        }

        var sent = await messages.SendAsync(context, to, new JsonObject { ["type"] = "template", ["template"] = template }, ct);
        var recorded = await activities.RecordAsync(context.Connection, context.Settings,
            [new WhatsAppMessage(sent.Id, sent.WaId, null, Inbound: false, clock.GetUtcNow(), $"Template {name} ({language})",
                parameters.Count == 0 ? null : string.Join("\n", parameters))], ct);
        return SendText.Result(sent, to, recorded[0].Id);
    }

    private static List<string?> Texts(JsonObject input) =>
        input["parameters"] is JsonArray items ? [.. items.Select(i => i is JsonValue v && v.TryGetValue<string>(out var s) ? s : null)] : [];

    /// <summary>The text with each <c>{{field}}</c> replaced by the contact's value.</summary>
    private static string Fill(string text, int index, JsonObject? contact) => Placeholder().Replace(text, match =>
    {
        var field = match.Groups[1].Value;
        if (contact is null)
        {
            throw new ActionInputException("input.parameters", $"Parameter {index + 1} names {{{{{field}}}}}: give a contact_id whose fields fill it.");
        }

        var value = contact[field] ?? (contact["custom_fields"] as JsonObject)?[field];
        return value is JsonValue v && v.ToString() is { Length: > 0 } filled
            ? filled
            : throw new ActionInputException("input.parameters", $"Parameter {index + 1} needs the contact's {field}, which is empty.");
    });

    [GeneratedRegex(@"\{\{\s*([a-z0-9_]+)\s*\}\}")]
    private static partial Regex Placeholder();
}

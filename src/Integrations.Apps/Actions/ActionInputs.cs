using System.Globalization;
using System.Net.Mail;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Apps.Catalogue;

namespace Integrations.Apps.Actions;

/// <summary>
/// Checks an action's input (or a connection's settings) against the fields the catalogue declares, and gives it back
/// in one shape: <c>emails</c> as an array of addresses (a comma-separated string is accepted), <c>datetime</c> as ISO
/// 8601 with its offset, <c>number</c> as a number, <c>boolean</c> as true/false. Errors are keyed by
/// the prefix + field name, as ProblemDetails shows them; fields not declared are refused.
/// </summary>
internal static class ActionInputs
{
    public const int MaxText = 1_000;
    public const int MaxLongText = 64 * 1024;
    public const int MaxEmails = 100;

    public static (JsonObject Values, Dictionary<string, string[]> Errors) Read(IReadOnlyList<ActionField> fields, JsonObject? input, string prefix)
    {
        var errors = new Dictionary<string, string[]>();
        var values = new JsonObject();
        input ??= [];
        foreach (var (name, _) in input)
        {
            if (fields.All(f => f.Name != name))
            {
                errors[prefix + name] = [$"Unknown field. Fields: {string.Join(", ", fields.Select(f => f.Name))}."];
            }
        }

        foreach (var field in fields)
        {
            var node = input[field.Name];
            if (node is null || (node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Trim().Length == 0))
            {
                if (field.Required)
                {
                    errors[prefix + field.Name] = [$"{field.Label} is required."];
                }

                continue;
            }

            if (Parse(field, node) is var (value, error) && error is not null)
            {
                errors[prefix + field.Name] = [error];
            }
            else
            {
                values[field.Name] = value;
            }
        }

        return (values, errors);
    }

    private static (JsonNode? Value, string? Error) Parse(ActionField field, JsonNode node) => field.Type switch
    {
        "emails" => Emails(node),
        "datetime" => Text(node, MaxText) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            && HasOffset(text)
                ? (JsonValue.Create(at.ToString("O", CultureInfo.InvariantCulture)), null)
                : (null, "Expected a date and time in ISO 8601 with an offset, e.g. 2026-12-04T15:00:00Z."),
        "number" => node is JsonValue n && n.TryGetValue<double>(out var number) ? (JsonValue.Create(number), null)
            : Text(node, 50) is { } s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out number) ? (JsonValue.Create(number), null)
            : (null, "Expected a number."),
        "boolean" => node is JsonValue b && b.TryGetValue<bool>(out var flag) ? (JsonValue.Create(flag), null)
            : Text(node, 10) is "true" or "on" ? (JsonValue.Create(true), null)
            : Text(node, 10) is "false" or "off" ? (JsonValue.Create(false), null)
            : (null, "Expected true or false."),
        // A mapping (an inbound record mapping, edited with the mapping editor) is checked by its app (IConnectionSettingsCheck).
        "mapping" => node is JsonObject ? (node.DeepClone(), null)
            : Text(node, MaxLongText) is { } rawMapping && TryJson(rawMapping) is JsonObject mapping ? (mapping, null)
            : (null, "Expected a mapping (a JSON object)."),
        "json" => node is JsonObject or JsonArray ? (node.DeepClone(), null)
            : Text(node, MaxLongText) is { } raw && TryJson(raw) is { } parsed ? (parsed, null)
            : (null, "Expected a JSON object or array."),
        "channels" => node is JsonArray list && list.All(i => i is JsonValue c && c.TryGetValue<string>(out var id) && id.Length is > 0 and <= 100)
            ? (list.DeepClone(), null)
            : Text(node, MaxText) is { } csv ? (new JsonArray([.. Split(csv).Select(c => JsonValue.Create(c))]), null)
            : (null, "Expected a list of channel ids."),
        "long_text" => Text(node, MaxLongText) is { } longText ? (JsonValue.Create(longText), null) : (null, $"Expected text of at most {MaxLongText:N0} characters."),
        _ => Text(node, MaxText) is { } text2 && !text2.Any(char.IsControl) ? (JsonValue.Create(text2.Trim()), null)
            : (null, $"Expected one line of text of at most {MaxText:N0} characters."),
    };

    private static (JsonNode?, string?) Emails(JsonNode node)
    {
        var items = node is JsonArray array
            ? array.Select(i => i is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).ToList()
            : Text(node, MaxLongText) is { } text ? Split(text).Select(s => (string?)s).ToList() : [null];
        if (items.Count is 0 or > MaxEmails || items.Any(i => i is null))
        {
            return (null, $"Expected 1 to {MaxEmails} email addresses.");
        }

        var bad = items.FirstOrDefault(i => !IsEmail(i!));
        return bad is null ? (new JsonArray([.. items.Select(i => JsonValue.Create(i!.Trim()))]), null) : (null, $"'{bad}' is not an email address.");
    }

    private static bool IsEmail(string text) =>
        text.Length <= 254 && MailAddress.TryCreate(text.Trim(), out var address) && address.Address == text.Trim() && address.Host.Contains('.');

    internal static bool HasOffset(string text) => text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-');

    private static string? Text(JsonNode node, int max) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length <= max ? text : null;

    private static IEnumerable<string> Split(string text) =>
        text.Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static JsonNode? TryJson(string text)
    {
        try
        {
            return JsonNode.Parse(text) is JsonObject or JsonArray ? JsonNode.Parse(text) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

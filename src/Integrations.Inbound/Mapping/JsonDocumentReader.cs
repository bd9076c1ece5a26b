using System.Globalization;
using System.Text.Json.Nodes;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Integrations.Inbound.Mapping;

/// <summary>
/// Payload JSON and JSON paths, through Newtonsoft.Json's JSONPath (<c>SelectToken</c>). Dates stay strings and
/// numbers stay decimals, so a value reaches the record pipeline exactly as the sender wrote it.
/// </summary>
internal static class JsonDocumentReader
{
    private const int MaxDepth = 64;

    private static readonly JsonSelectSettings Select = new() { RegexMatchTimeout = TimeSpan.FromMilliseconds(50) };

    public static bool TryParse(string text, out JToken? document, out string? error) =>
        TryParse(text, FloatParseHandling.Decimal, out document, out error)
        // A number too large for a decimal (1e300) is still JSON: read it as a double rather than refuse the body.
        || (error!.Contains("decimal", StringComparison.OrdinalIgnoreCase)
            && TryParse(text, FloatParseHandling.Double, out document, out _));

    private static bool TryParse(string text, FloatParseHandling numbers, out JToken? document, out string? error)
    {
        document = null;
        error = null;
        try
        {
            using var reader = new JsonTextReader(new StringReader(text))
            {
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = numbers,
                MaxDepth = MaxDepth,
            };
            document = JToken.ReadFrom(reader);
            if (reader.Read() && reader.TokenType != JsonToken.Comment)
            {
                document = null;
                error = $"The body is not valid JSON: more follows the document at line {reader.LineNumber}, position {reader.LinePosition}.";
            }
        }
        catch (JsonReaderException e)
        {
            error = string.IsNullOrWhiteSpace(text)
                ? "The body is empty; a JSON document was expected."
                : $"The body is not valid JSON: {e.Message}";
        }

        return document is not null;
    }

    /// <summary>Null when <paramref name="path"/> is a JSON path we can evaluate; else what is wrong with it.</summary>
    public static string? CheckPath(string? path)
    {
        if (string.IsNullOrWhiteSpace(path) || !path.StartsWith('$'))
        {
            return "A JSON path starts with $, e.g. $.customer.email or $.line_items[0].sku.";
        }

        if (path.Contains("=~", StringComparison.Ordinal))
        {
            return "Regular expression filters (=~) are not supported in JSON paths.";
        }

        try
        {
            new JObject().SelectToken(path, Select);
            return null;
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            return $"'{path}' is not a valid JSON path: {e.Message}";
        }
    }

    /// <summary>The one value at <paramref name="path"/>, or null when nothing is there; an error when the path
    /// matches several values.</summary>
    public static bool TrySelect(JToken document, string path, out JToken? value, out string? error)
    {
        error = null;
        try
        {
            value = document.SelectToken(path, Select);
            return true;
        }
        catch (JsonException)
        {
            value = null;
            error = $"{path} matches more than one value in the payload.";
            return false;
        }
        catch (Exception e) when (e is ArgumentException or System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            value = null;
            error = $"{path} cannot be evaluated on this payload.";
            return false;
        }
    }

    /// <summary>The value as System.Text.Json, the record pipeline's language.</summary>
    public static JsonNode? ToNode(JToken token) => token switch
    {
        JValue { Type: JTokenType.Null or JTokenType.Undefined } => null,
        JValue { Type: JTokenType.String } text => JsonValue.Create((string)text!),
        JValue { Type: JTokenType.Boolean } flag => JsonValue.Create((bool)flag),
        JValue { Type: JTokenType.Integer } number => JsonNode.Parse(Convert.ToString(number.Value, CultureInfo.InvariantCulture)!),
        JValue { Type: JTokenType.Float } number => JsonNode.Parse(Convert.ToString(number.Value, CultureInfo.InvariantCulture)!),
        JValue other => JsonValue.Create(Convert.ToString(other.Value, CultureInfo.InvariantCulture)),
        _ => JsonNode.Parse(token.ToString(Formatting.None)),
    };

    /// <summary>A scalar as text (for keys and ids); null for null, objects and lists.</summary>
    public static string? ToText(JToken? token) => token switch
    {
        JValue { Type: JTokenType.String } text => ((string?)text)?.Trim() is { Length: > 0 } trimmed ? trimmed : null,
        JValue { Type: JTokenType.Integer or JTokenType.Float or JTokenType.Boolean } scalar =>
            Convert.ToString(scalar.Value, CultureInfo.InvariantCulture),
        _ => null,
    };
}

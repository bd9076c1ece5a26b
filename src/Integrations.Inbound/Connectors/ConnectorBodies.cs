using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Integrations.Inbound.Connectors;

/// <summary>
/// Credentials in a connector's JSON body: the value of a field named like one (<see cref="SecretNames"/>, at any
/// depth, whatever it holds) is shown as <see cref="ConnectorUrls.Redacted"/>, and a shown body sent back gets it restored.
/// </summary>
internal static partial class ConnectorBodies
{
    // Sent to an API, never into HTML: characters stay as typed, as they would in the admin's own JSON.
    private static readonly JsonSerializerOptions Output = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Strict JSON, one value per name: what is redacted is exactly what is sent.
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    /// <summary>Why <paramref name="body"/> cannot be a connector's body (not strict JSON, or a name given twice); null when it can.</summary>
    public static string? Problem(string body)
    {
        try
        {
            _ = JsonNode.Parse(body, documentOptions: Strict);
            return null;
        }
        catch (JsonException e)
        {
            return $"The request body must be valid JSON (double quotes, no comments, each name once): {e.Message}";
        }
    }

    /// <summary>The body with each credential value replaced by <c>"REDACTED"</c>; unchanged when it has no
    /// credential field (or is not JSON). A body with one is written anew, compactly, whatever its values.</summary>
    public static string? Redact(string? body) => Rewrite(body, (_, _) => JsonValue.Create(ConnectorUrls.Redacted));

    /// <summary>The JSON paths (<c>$.auth.token</c>, <c>$['x-api-key']</c>) of credential fields whose value is <c>"REDACTED"</c>.</summary>
    public static IReadOnlyList<string> Placeholders(string? body)
    {
        var paths = new List<string>();
        Rewrite(body, (path, value) =>
        {
            if (IsPlaceholder(value))
            {
                paths.Add(path);
            }

            return value;
        });
        return paths;
    }

    /// <summary><paramref name="given"/> with each <c>"REDACTED"</c> credential value put back from the same path of
    /// <paramref name="stored"/>; a placeholder with nothing at its path stays as it is.</summary>
    public static string? Restore(string? given, string? stored)
    {
        if (Placeholders(given).Count == 0)
        {
            return given;
        }

        var kept = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        Rewrite(stored, (path, value) =>
        {
            kept[path] = value;
            return value;
        });
        return Rewrite(given, (path, value) => IsPlaceholder(value) && kept.TryGetValue(path, out var keptValue) ? keptValue?.DeepClone() : value);
    }

    private static bool IsPlaceholder(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var text) && text == ConnectorUrls.Redacted;

    // Calls rewrite(path, value) for each credential field, whatever its value, and puts back what it returns.
    private static string? Rewrite(string? body, Func<string, JsonNode?, JsonNode?> rewrite)
    {
        if (!TryParse(body, out var root))
        {
            return body;
        }

        var found = false;
        Visit(root!, "$");
        return found ? root!.ToJsonString(Output) : body;

        void Visit(JsonNode node, string path)
        {
            if (node is JsonArray array)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } item)
                    {
                        Visit(item, $"{path}[{i}]");
                    }
                }

                return;
            }

            if (node is not JsonObject obj)
            {
                return;
            }

            foreach (var (name, value) in obj.ToList())
            {
                var at = Identifier().IsMatch(name) ? $"{path}.{name}" : $"{path}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";
                if (SecretNames.IsSecret(name))
                {
                    found = true;
                    var replacement = rewrite(at, value);
                    if (!ReferenceEquals(replacement, value))
                    {
                        obj[name] = replacement;
                    }
                }
                else if (value is JsonObject or JsonArray)
                {
                    Visit(value, at);
                }
            }
        }
    }

    private static bool TryParse(string? body, out JsonNode? root)
    {
        root = null;
        if (string.IsNullOrWhiteSpace(body))
        {
            return false;
        }

        try
        {
            root = JsonNode.Parse(body, documentOptions: Strict);
            return root is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}

using System.Text.Json;

namespace Integrations.Apps.Connect;

/// <summary>The catalogue's paths into a provider's JSON: <c>$.name</c> or <c>$.a.b</c>, nothing more.</summary>
internal static class JsonPaths
{
    public static string? Text(JsonElement root, string? path)
    {
        if (path is null || !path.StartsWith("$.", StringComparison.Ordinal))
        {
            return null;
        }

        var node = root;
        foreach (var name in path[2..].Split('.'))
        {
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(name, out node))
            {
                return null;
            }
        }

        return node.ValueKind == JsonValueKind.String && node.GetString() is { Length: > 0 } text ? text : null;
    }
}

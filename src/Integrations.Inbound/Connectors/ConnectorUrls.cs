namespace Integrations.Inbound.Connectors;

/// <summary>Origins (scheme, host and port) and query-string credentials of connector URLs.</summary>
internal static class ConnectorUrls
{
    public const string Redacted = "REDACTED";

    /// <summary>Whether both URLs have the same scheme, host and port (false when either is not an absolute URL).</summary>
    public static bool SameOrigin(string? a, string? b) =>
        Uri.TryCreate(a?.Trim(), UriKind.Absolute, out var x) && Uri.TryCreate(b?.Trim(), UriKind.Absolute, out var y) && SameOrigin(x, y);

    public static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    /// <summary>The URL with the values of credential query parameters (<see cref="SecretNames"/>) replaced by <see cref="Redacted"/>.</summary>
    public static string Redact(string url) => Rewrite(url, (_, _) => Redacted);

    /// <summary>The credential query parameters whose value is <see cref="Redacted"/>: placeholders for stored values.</summary>
    public static IReadOnlyList<string> Placeholders(string url)
    {
        var names = new List<string>();
        Rewrite(url, (name, value) =>
        {
            if (value == Redacted)
            {
                names.Add(name);
            }

            return value;
        });
        return names;
    }

    /// <summary>
    /// <paramref name="given"/> (a URL as shown, perhaps edited) with each <see cref="Redacted"/> credential value put
    /// back from <paramref name="stored"/>, as long as both have the same origin: a new host gets no stored secret.
    /// </summary>
    public static string Restore(string given, string stored)
    {
        if (!SameOrigin(given, stored))
        {
            return given;
        }

        // By name and occurrence: ?token=a&token=b keeps both, each in its place.
        var values = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        Rewrite(stored, (name, value) =>
        {
            (values.TryGetValue(name, out var list) ? list : values[name] = []).Add(value);
            return value;
        });
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        return Rewrite(given, (name, value) =>
        {
            var index = seen[name] = seen.GetValueOrDefault(name) + 1;
            return value == Redacted && values.TryGetValue(name, out var kept) && index <= kept.Count ? kept[index - 1] : value;
        });
    }

    // Calls rewrite(name, raw value) for each credential-like query parameter with a value, and puts back what it returns.
    private static string Rewrite(string url, Func<string, string, string> rewrite)
    {
        var query = url.IndexOf('?', StringComparison.Ordinal);
        if (query < 0)
        {
            return url;
        }

        var fragment = url.IndexOf('#', query);
        var end = fragment < 0 ? url.Length : fragment;
        var parts = url[(query + 1)..end].Split('&');
        for (var i = 0; i < parts.Length; i++)
        {
            var equals = parts[i].IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString((equals < 0 ? parts[i] : parts[i][..equals]).Replace('+', ' '));
            if (equals >= 0 && SecretNames.IsSecret(name))
            {
                parts[i] = parts[i][..(equals + 1)] + rewrite(name, parts[i][(equals + 1)..]);
            }
        }

        return url[..(query + 1)] + string.Join('&', parts) + url[end..];
    }
}

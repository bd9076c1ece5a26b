using System.Net;
using System.Text.RegularExpressions;

namespace Integrations.Testing;

/// <summary>
/// Reads a form of one of our pages as a browser would submit it untouched: text inputs and textareas with their values,
/// ticked boxes, each select's chosen option; the first value of a name wins, as in model binding.
/// Enough for our own Razor markup (quoted attributes, encoded values), not a general HTML parser.
/// </summary>
public static partial class PageForms
{
    public static Dictionary<string, string> Fields(string html, string formId)
    {
        var start = html.IndexOf($"id=\"{formId}\"", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException($"The page has no form #{formId}.");
        }

        var form = html[start..html.IndexOf("</form>", start, StringComparison.Ordinal)];
        var fields = new Dictionary<string, string>();
        foreach (Match control in Control().Matches(form))
        {
            var attributes = Attributes(control.Groups["attributes"].Value);
            if (attributes.GetValueOrDefault("name") is not { } name || attributes.ContainsKey("disabled"))
            {
                continue;
            }

            var value = control.Groups["kind"].Value switch
            {
                "textarea" => WebUtility.HtmlDecode(control.Groups["content"].Value),
                "select" => Chosen(control.Groups["content"].Value),
                _ => attributes.GetValueOrDefault("type") switch
                {
                    "submit" or "button" or "reset" => null,
                    "checkbox" or "radio" => attributes.ContainsKey("checked") ? attributes.GetValueOrDefault("value") ?? "on" : null,
                    _ => attributes.GetValueOrDefault("value") ?? "",
                },
            };
            if (value is not null)
            {
                fields.TryAdd(name, value);
            }
        }

        return fields;
    }

    private static string? Chosen(string options)
    {
        var all = Option().Matches(options).Select(o => (Attributes: Attributes(o.Groups["attributes"].Value), Text: o.Groups["text"].Value)).ToList();
        if (all.Count == 0)
        {
            return null;
        }

        var (attributes, text) = all.FirstOrDefault(o => o.Attributes.ContainsKey("selected"), all[0]);
        return attributes.GetValueOrDefault("value") ?? WebUtility.HtmlDecode(text).Trim();
    }

    private static Dictionary<string, string?> Attributes(string tag) =>
        Attribute().Matches(tag).DistinctBy(a => a.Groups["name"].Value).ToDictionary(
            a => a.Groups["name"].Value,
            a => a.Groups["value"].Success ? WebUtility.HtmlDecode(a.Groups["value"].Value) : null);

    [GeneratedRegex("""<(?<kind>select|textarea)\b(?<attributes>[^>]*)>(?<content>.*?)</\k<kind>>|<(?<kind>input)\b(?<attributes>[^>]*)>""",
        RegexOptions.Singleline)]
    private static partial Regex Control();

    [GeneratedRegex("""<option\b(?<attributes>[^>]*)>(?<text>[^<]*)""")]
    private static partial Regex Option();

    [GeneratedRegex("""\s(?<name>[a-z-]+)(?:="(?<value>[^"]*)")?""")]
    private static partial Regex Attribute();
}

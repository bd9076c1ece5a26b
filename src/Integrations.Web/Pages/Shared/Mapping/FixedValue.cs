using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Integrations.Web.Pages.Shared.Mapping;

/// <summary>
/// What a fixed value typed in the mapping editor means. A JSON number (<c>42</c>, <c>19.90</c>), <c>true</c> or
/// <c>false</c> is that JSON value; text in double quotes (<c>"42"</c>) is the text between them; anything else is the
/// text as typed (<c>pro</c>, <c>02134</c>). The record pipeline reads a number or true/false given to a text field as its
/// text (42 becomes "42"), and a custom field keeps what it is given, so 42 lands as the number a user expects in
/// <c>custom_fields.seats</c> and as "42" in <c>job_title</c>.
/// </summary>
internal static partial class FixedValue
{
    public static JsonNode Read(string typed)
    {
        var trimmed = typed.Trim();
        if (JsonNumber().IsMatch(trimmed))
        {
            return JsonNode.Parse(trimmed)!;
        }

        return trimmed switch
        {
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            [ '"', .. var quoted, '"' ] => JsonValue.Create(quoted),
            _ => JsonValue.Create(typed),
        };
    }

    /// <summary>The text that <see cref="Read"/> turns back into <paramref name="value"/>: a saved value shows as it is
    /// stored and survives the next save unchanged (text "42" stored through the API shows as <c>"42"</c>).</summary>
    public static string Show(JsonNode? value)
    {
        if (value is JsonValue scalar && scalar.TryGetValue<string>(out var text))
        {
            return Read(text) is JsonValue read && read.TryGetValue<string>(out var same) && same == text ? text : $"\"{text}\"";
        }

        return value?.ToJsonString() ?? "";
    }

    /// <summary>JSON's number syntax: no leading zeros (a zip code such as 02134 stays text), no plus sign, no bare dot.</summary>
    [GeneratedRegex("^-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?$")]
    private static partial Regex JsonNumber();
}

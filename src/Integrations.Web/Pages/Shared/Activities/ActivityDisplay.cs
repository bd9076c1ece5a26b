using System.Text.Json.Nodes;
using Integrations.Crm.Schema;
using Integrations.Web.Pages.Records;

namespace Integrations.Web.Pages.Shared.Activities;

/// <summary>How one activity reads in a list: its kind, a snippet of its body, and who took part.</summary>
public static class ActivityDisplay
{
    public const int SnippetLength = 240;
    public const int ParticipantsShown = 6;

    public static string Kind(JsonObject activity) =>
        ActivityKinds.All.FirstOrDefault(k => k.Value == RecordForm.Text(activity["kind"]))?.Label ?? "Activity";

    /// <summary>The letter of the kind's round icon.</summary>
    public static string Icon(JsonObject activity) => Kind(activity)[..1];

    public static string Subject(JsonObject activity) =>
        RecordForm.Text(activity["subject"]) is { Length: > 0 } subject ? subject : $"({Kind(activity).ToLowerInvariant()} without a subject)";

    /// <summary>The body's start on one line.</summary>
    public static string Snippet(JsonObject activity)
    {
        var body = string.Join(' ', (RecordForm.Text(activity["body"]) ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return body.Length <= SnippetLength ? body : body[..SnippetLength].TrimEnd() + "…";
    }

    public static string? Direction(JsonObject activity) => RecordForm.Text(activity["direction"]) switch
    {
        ActivityKinds.Inbound => "← Inbound",
        ActivityKinds.Outbound => "→ Outbound",
        _ => null,
    };

    public static IReadOnlyList<Person> People(JsonObject activity) =>
        [.. (activity["participants"] as JsonArray ?? []).OfType<JsonObject>().Select(p => new Person(
            RecordForm.Text(p["role"]) ?? "",
            RecordForm.Text(p["name"]) ?? RecordForm.Text(p["email"]) ?? RecordForm.Text(p["phone"]) ?? "",
            RecordForm.Text(p["email"]) ?? RecordForm.Text(p["phone"]),
            RecordForm.Text(p["contact_id"])))];

    /// <param name="Address">The email or phone, shown as a tooltip.</param>
    /// <param name="ContactId">The matched contact's id, linked.</param>
    public sealed record Person(string Role, string Name, string? Address, string? ContactId);
}

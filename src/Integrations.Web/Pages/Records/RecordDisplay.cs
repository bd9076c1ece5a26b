using System.Globalization;
using System.Text.Json.Nodes;
using Integrations.Crm.Schema;

namespace Integrations.Web.Pages.Records;

/// <summary>How a record and its values read on the admin pages.</summary>
public static class RecordDisplay
{
    /// <summary>What a person calls a record: a contact's name (or email), an activity's subject, otherwise its name,
    /// otherwise its id.</summary>
    public static string Title(RecordType type, JsonObject record)
    {
        var title = type == RecordTypes.Contact
            ? $"{RecordForm.Text(record["first_name"])} {RecordForm.Text(record["last_name"])}".Trim()
            : RecordForm.Text(record[type == RecordTypes.Activity ? "subject" : "name"]);
        if (string.IsNullOrEmpty(title) && type.NaturalKey is { } key)
        {
            title = RecordForm.Text(record[key]);
        }

        return string.IsNullOrEmpty(title) ? RecordForm.Text(record["id"]) ?? "" : title;
    }

    /// <summary>The columns of the list: the first four fields, and the first reference if it is not among them.</summary>
    public static IReadOnlyList<RecordField> Columns(RecordType type)
    {
        var columns = type.Fields.Take(4).ToList();
        if (type.Fields.FirstOrDefault(f => f.Kind == FieldKind.Reference) is { } reference && !columns.Contains(reference))
        {
            columns.Add(reference);
        }

        return columns;
    }

    public static string Cell(RecordField field, JsonNode? value)
    {
        var text = RecordForm.Text(value);
        return field.Kind switch
        {
            _ when text is null => "",
            FieldKind.Money when value is JsonValue money && money.TryGetValue<decimal>(out var amount) =>
                amount.ToString("#,0.00##", CultureInfo.InvariantCulture),
            FieldKind.Choice => field.Choices.FirstOrDefault(c => c.Value == text)?.Label ?? text,
            FieldKind.Boolean => text == "true" ? "Yes" : "No",
            FieldKind.DateTime => Moment(value),
            _ => text,
        };
    }

    /// <summary>Won deals read green, lost ones grey, open ones amber.</summary>
    public static string BadgeClass(string? choice) => choice switch
    {
        DealStages.ClosedWon => "badge-ok",
        "closed_lost" => "badge-off",
        _ => "badge-warn",
    };

    /// <summary>A wire timestamp (ISO 8601, UTC) as the pages show it.</summary>
    public static string Moment(JsonNode? value) =>
        DateTimeOffset.TryParse(RecordForm.Text(value), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment)
            ? moment.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)
            : "";

    public static string InputType(RecordField field) => field.Kind switch
    {
        FieldKind.Email => "email",
        FieldKind.Phone => "tel",
        FieldKind.Url => "url",
        FieldKind.Money => "number",
        FieldKind.Date => "date",
        _ => "text",
    };
}

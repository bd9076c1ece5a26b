using Integrations.Crm.Reading;
using Integrations.Crm.Schema;

namespace Integrations.Web.Pages.Records;

/// <summary>
/// The records a reference field can point to, by title, for a select box and for naming links in the list.
/// Past <see cref="Limit"/> records the list is incomplete and the form falls back to pasting an id.
/// </summary>
public sealed record ReferenceChoices(RecordType Target, IReadOnlyList<Choice> Options, bool Complete)
{
    public const int Limit = 200;

    public string TitleOf(string id) => Options.FirstOrDefault(o => o.Value == id)?.Label ?? id;

    /// <summary>Choices for every type the given type refers to, keyed by the referenced type's name.</summary>
    public static async Task<IReadOnlyDictionary<string, ReferenceChoices>> ForAsync(
        RecordReader reader, RecordType type, CancellationToken ct)
    {
        var choices = new Dictionary<string, ReferenceChoices>();
        foreach (var target in type.Fields.Where(f => f.Kind == FieldKind.Reference).Select(f => RecordTypes.Get(f.RefersTo!)).Distinct())
        {
            var page = await reader.ListAsync(target, new RecordListQuery(Limit, NewestFirst: true), ct);
            var options = page.Data
                .Select(r => new Choice(RecordForm.Text(r["id"])!, RecordDisplay.Title(target, r)))
                .OrderBy(o => o.Label, StringComparer.CurrentCultureIgnoreCase)
                .ToList();
            choices[target.Name] = new ReferenceChoices(target, options, !page.HasMore);
        }

        return choices;
    }
}

using System.Text.Json.Nodes;
using Microsoft.Extensions.Primitives;

namespace Integrations.Web.Pages.Apps;

/// <summary>A connection's form (its settings, or one of its app's actions) as it was just posted, shown again with its
/// field errors, or an action's result or the provider's refusal.</summary>
public sealed record PostedForm(string ConnectionId, string Form, IReadOnlyDictionary<string, StringValues> Values)
{
    public const string Settings = "settings";

    /// <summary>By field name (without the <c>input.</c> / <c>settings.</c> prefix).</summary>
    public Dictionary<string, string> Errors { get; init; } = [];

    public JsonObject? Result { get; init; }

    public string? Problem { get; init; }

    /// <summary>The connection must be connected again before it can run anything.</summary>
    public bool Unusable { get; init; }

    /// <summary>A <c>mapping</c> setting's editor rows as posted, by setting name, with the errors of every setting by
    /// the mapping's places (<c>mapping.fields[0].path</c>).</summary>
    internal Dictionary<string, Shared.Mapping.MappingForm> Mappings { get; init; } = [];

    internal Dictionary<string, string[]> AllErrors { get; init; } = [];

    public bool Is(string connectionId, string form) => ConnectionId == connectionId && Form == form;
}

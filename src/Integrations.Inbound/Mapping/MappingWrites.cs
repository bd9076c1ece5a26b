using System.Security.Claims;
using Integrations.Crm.Schema;
using Integrations.Platform.Api;

namespace Integrations.Inbound.Mapping;

/// <summary>The records a mapping writes: its object and its linked records' objects, and the scopes they need.</summary>
internal static class MappingWrites
{
    /// <summary>The first write scope <paramref name="user"/> lacks for what <paramref name="mapping"/> writes, or null
    /// (also for an unknown object, which the mapping's own rules refuse).</summary>
    public static string? MissingScope(ClaimsPrincipal user, RecordMapping? mapping) =>
        Objects(mapping).Select(name => RecordTypes.Find(name)?.WriteScope).OfType<string>().FirstOrDefault(scope => !user.Allows(scope));

    // A posted mapping is checked before its own rules run, so JSON nulls where the model says never-null are skipped
    // here, for those rules to refuse with a 400 naming the field.
    private static IEnumerable<string> Objects(RecordMapping? mapping) =>
        mapping is null ? []
        : (mapping.Object is { } name ? [name] : Array.Empty<string>()).Concat((mapping.Links ?? []).SelectMany(link => Objects(link?.Mapping)));
}

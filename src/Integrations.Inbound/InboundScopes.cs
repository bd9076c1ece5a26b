using Integrations.Platform.Api;

namespace Integrations.Inbound;

/// <summary>
/// The scopes of inbound sources and pull connectors. Creating or changing one also needs the write scope of each
/// object its mapping writes (<see cref="Mapping.MappingWrites"/>): it writes records with no one watching.
/// </summary>
public static class InboundScopes
{
    public const string Read = "inbound:read";
    public const string Write = "inbound:write";

    internal static readonly ApiScope[] All =
    [
        new(Read, "List inbound webhook sources and pull connectors, their request logs and runs."),
        new(Write, "Create, change, delete, reprocess and run inbound sources and connectors (with the write scope of what they write)."),
    ];
}

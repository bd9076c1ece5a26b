using Integrations.Platform.Api;

namespace Integrations.Imports;

/// <summary>The scopes of import jobs.</summary>
public static class ImportScopes
{
    public const string Read = "imports:read";
    public const string Write = "imports:write";

    internal static readonly ApiScope[] All =
    [
        new(Read, "List imports, their progress and error reports."),
        new(Write, "Start and cancel imports (with the object's write scope, and bulk:write to upsert)."),
    ];
}

namespace Integrations.Imports.Jobs;

/// <summary>Whether an import only creates records or also updates the ones it matches.</summary>
public enum ImportMode
{
    CreateOnly,
    Upsert,
}

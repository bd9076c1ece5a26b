namespace Integrations.Imports.Jobs;

/// <summary>A started import, or why the file was refused before anything was stored.</summary>
public sealed record ImportStart(ImportJobView? Job, string? Refusal)
{
    public bool Started => Job is not null;
}

namespace Integrations.Imports.Jobs;

/// <summary>Bound from <c>Sentinel:Imports</c>.</summary>
public sealed class ImportOptions
{
    public const string Section = "Sentinel:Imports";

    /// <summary>Where uploads wait for their job; default <c>&lt;content root&gt;/.data/imports</c>.</summary>
    public string Folder { get; set; } = "";

    /// <summary>Rows stored per transaction; a restarted job resumes after the last committed chunk.</summary>
    public int ChunkSize { get; set; } = 2_000;
}

namespace Integrations.Imports.Jobs;

/// <summary>Bound from <c>Sentinel:Imports</c>.</summary>
public sealed class ImportOptions
{
    public const string Section = "Sentinel:Imports";

    /// <summary>Where uploads wait for their job; default <c>&lt;content root&gt;/.data/imports</c>.</summary>
    public string Folder { get; set; } = "";

    /// <summary>Rows stored per transaction; a restarted job resumes after the last committed chunk.</summary>
    /// <remarks>Measured at 100,000 rows: with 2,000 a chunk's objects outlive the young generation and force full
    /// collections (12 per 100,000 rows, none at 1,000), which costs more than the extra round trips save.</remarks>
    public int ChunkSize { get; set; } = 1_000;

    /// <summary>Chunks written at once, each in its own transaction on its own connection.</summary>
    /// <remarks>Postgres spends a core on each; measured on 2 cores with 1,000,000 rows (see the README), two writers
    /// store an import about X faster than one.</remarks>
    public int Writers { get; set; } = 2;
}

namespace Integrations.Imports;

/// <summary>Bound from <c>Sentinel:Imports</c>.</summary>
internal sealed class ImportOptions
{
    public const string Section = "Sentinel:Imports";

    /// <summary>Where uploads wait for their job; default <c>&lt;content root&gt;/.data/imports</c>.</summary>
    public string Folder { get; set; } = "";

    /// <summary>Rows stored per transaction; a restarted job resumes after the last committed chunk.</summary>
    /// <remarks>Measured at 100,000 rows: with 2,000 a chunk's objects outlive the young generation and force full
    /// collections (12 per 100,000 rows, none at 1,000), which costs more than the extra round trips save.</remarks>
    public int ChunkSize { get; set; } = 1_000;

    /// <summary>Chunks written at once, each in its own transaction on its own connection.</summary>
    /// <remarks>Postgres spends up to a core on each. Measured on 2 cores with the imports benchmark (1,000,000
    /// contacts, three runs each, alternating): 37,500–38,500 rows/s with two writers against 30,700–32,900 with one.
    /// More than two would only queue for this machine's cores.</remarks>
    public int Writers { get; set; } = 2;
}

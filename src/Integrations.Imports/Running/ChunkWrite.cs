namespace Integrations.Imports.Running;

/// <summary>What became of a chunk: stored, or not because the job was cancelled (or ended), or because another run of
/// the same job (Hangfire delivers at least once) already moved past it.</summary>
internal enum ChunkWrite
{
    Stored,
    Cancelled,
    Superseded,
}

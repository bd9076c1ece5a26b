namespace Integrations.Imports.Parsing;

/// <summary>Rows of a file, read one at a time. Reading stops at the end or at a problem, which is then kept in
/// <see cref="Problem"/> rather than thrown.</summary>
internal interface IRowSource : IDisposable
{
    FileProblem? Problem { get; }

    bool TryRead(out SourceRow row);
}

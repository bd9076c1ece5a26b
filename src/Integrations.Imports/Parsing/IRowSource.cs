namespace Integrations.Imports.Parsing;

/// <summary>Rows of a file, read one at a time. Reading stops at the end or at a problem, which is then kept in
/// <see cref="Problem"/> rather than thrown.</summary>
internal interface IRowSource : IDisposable
{
    FileProblem? Problem { get; }

    /// <summary>How the file writes decimals where an amount alone does not say (<c>1,500</c>): a CSV separated by
    /// <c>;</c> comes from a locale whose decimal mark is the comma (Excel picks the separator that way).</summary>
    char DecimalMark => '.';

    bool TryRead(out SourceRow row);
}

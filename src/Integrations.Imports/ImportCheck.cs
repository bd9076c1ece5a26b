using Integrations.Imports.Mapping;
using Integrations.Imports.Parsing;

namespace Integrations.Imports;

/// <summary>The outcome of reading a whole file once: a refusal, or its mapping and the number of data rows.</summary>
internal sealed record ImportCheck(FileProblem? Problem, ColumnMap? Columns, long DataRows)
{
    public bool IsReadable => Problem is null;
}

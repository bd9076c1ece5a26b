using System.Text.Json.Nodes;

namespace Integrations.Imports.Mapping;

/// <summary>One data row, mapped. <see cref="Fields"/> holds the non-empty cells as strings by field name, plus a
/// <c>custom_fields</c> object for unknown columns; <see cref="Cells"/> are the file's own cells for the error file.
/// <see cref="Error"/> is set when the row cannot be used as it stands (it should be reported, not stored).</summary>
internal sealed record ImportRow(int RowNumber, JsonObject Fields, IReadOnlyList<string> Cells, string? Error = null);

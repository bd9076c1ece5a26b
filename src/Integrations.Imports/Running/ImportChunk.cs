using Integrations.Imports.Mapping;

namespace Integrations.Imports.Running;

/// <summary>The rows of one transaction, and the file rows <c>[From, To)</c> it accounts for: blank rows between two
/// chunks belong to the earlier one, so the chunks of a run tile the file.</summary>
internal sealed record ImportChunk(int From, int To, IReadOnlyList<ImportRow> Rows);

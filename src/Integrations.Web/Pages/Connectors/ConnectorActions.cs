using Integrations.Inbound.Connectors;

namespace Integrations.Web.Pages.Connectors;

/// <summary>"Run now" as the list and the detail page both offer it, with the notice it leaves.</summary>
public static class ConnectorActions
{
    public static async Task<string?> RunAsync(ConnectorDirectory directory, string id, CancellationToken ct) =>
        await directory.RequestRunAsync(id, ct) switch
        {
            null => null,
            { Run: { } run } => $"Run {run.Id} queued.",
            { Refusal: var refusal } => refusal,
        };
}

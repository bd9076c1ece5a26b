using System.Collections.Concurrent;
using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Automation.Workflows;

/// <summary>
/// Workflows' signing secrets for the <c>http_request</c> step, read and decrypted once per workflow: a workflow's secret
/// never changes (a duplicate gets its own), so a cached one is never stale. Bounded: emptied when full.
/// </summary>
internal sealed class WorkflowSigningKeys(WorkflowSecrets secrets)
{
    private const int Limit = 10_000;
    private readonly ConcurrentDictionary<Guid, string> known = new();

    /// <summary>The secret of <paramref name="workflowId"/> in the caller's workspace, or null when there is no such workflow.</summary>
    public async Task<string?> FindAsync(IntegrationsDbContext db, Guid workflowId, CancellationToken ct)
    {
        if (known.TryGetValue(workflowId, out var secret))
        {
            return secret;
        }

        var ciphertext = await db.Set<Workflow>().AsNoTracking().Where(w => w.Id == workflowId)
            .Select(w => w.SigningSecretCiphertext).FirstOrDefaultAsync(ct);
        if (ciphertext is null)
        {
            return null;
        }

        if (known.Count >= Limit)
        {
            known.Clear();
        }

        return known[workflowId] = secrets.Unprotect(ciphertext);
    }
}

using Integrations.ApiKeys.Keys;
using Integrations.ApiKeys;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Integrations.Web.Pages.ApiKeys;

public sealed class IndexModel(KeyRing ring, KeyReveal reveal, ScopeCatalog scopes, TimeProvider clock) : PageModel
{
    public ScopeCatalog Scopes => scopes;

    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public IReadOnlyList<ApiKeyView> Keys { get; private set; } = [];

    /// <summary>The secret of the key generated just before this view; shown this once.</summary>
    public string? NewSecret { get; private set; }

    public Dictionary<string, string[]> Errors { get; private set; } = [];

    [BindProperty]
    public GenerateKeyForm Form { get; set; } = new();

    [TempData]
    public string? RevealTicket { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        NewSecret = reveal.Take(RevealTicket);
        if (NewSecret is not null)
        {
            // Back and forward must not bring the secret back from the browser's cache.
            Response.Headers.CacheControl = "no-store";
        }

        Keys = await ring.ListAsync(null, 200, ct);
    }

    public async Task<IActionResult> OnPostGenerateAsync(CancellationToken ct)
    {
        var request = Form.ToRequest();
        Errors = ring.Validate(request);
        if (Errors.Count > 0)
        {
            Keys = await ring.ListAsync(null, 200, ct);
            return Page();
        }

        var issued = await ring.IssueAsync(request, ct);
        RevealTicket = reveal.Hold(issued.Key);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRollAsync(string id, string? grace, CancellationToken ct)
    {
        var roll = KeyRing.GracePeriods.TryGetValue(grace ?? "", out var period) ? await ring.RollAsync(id, period, ct) : null;
        if (roll?.Issued is { } issued)
        {
            RevealTicket = reveal.Hold(issued.Key);
            Notice = issued.ApiKey.PreviousSecretExpiresAt is { } until
                ? $"Rolled “{issued.ApiKey.Name}”. The old secret works until {until:yyyy-MM-dd HH:mm} UTC."
                : $"Rolled “{issued.ApiKey.Name}”. The old secret no longer works.";
        }
        else
        {
            Notice = roll?.Refusal ?? "That key could not be rolled.";
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string id, CancellationToken ct)
    {
        var key = await ring.RevokeAsync(id, ct);
        Notice = key is null ? null : $"Revoked “{key.Name}”. It no longer works.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(string id, CancellationToken ct)
    {
        var key = await ring.DeleteAsync(id, ct);
        Notice = key is null ? null : $"Deleted “{key.Name}”.";
        return RedirectToPage();
    }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;
}

public sealed class GenerateKeyForm
{
    public string? Name { get; set; }
    public List<string> Scopes { get; set; } = [];

    /// <summary>The last day the key works, in UTC; empty for a key that never expires.</summary>
    public DateOnly? ExpiresOn { get; set; }

    public NewApiKey ToRequest() => new(Name, Scopes,
        ExpiresOn is { } day ? new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null);
}

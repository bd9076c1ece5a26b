using Integrations.Platform.Audit;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Platform.Ids;
using Integrations.Platform.Signing;
using Integrations.Webhooks.FanOut;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Integrations.Webhooks.Subscriptions;

/// <summary>
/// The webhooks of the caller's workspace: subscribe, list, change, resume, rotate, test, delete. The admin page
/// and the webhooks API both go through here, so both validate, audit and protect secrets the same way.
/// </summary>
public sealed class WebhookDirectory
{
    public const int MaxNameLength = SubscriptionRules.MaxNameLength;

    private static readonly TimeSpan RotationOverlap = TimeSpan.FromHours(24);

    private readonly IntegrationsDbContext db;
    private readonly Caller caller;
    private readonly AuditTrail audit;
    private readonly SubscriptionRules rules;
    private readonly WebhookSecrets secrets;
    private readonly TimeProvider clock;
    private readonly IOptionsMonitor<WebhookOptions> options;

    internal WebhookDirectory(IntegrationsDbContext db, Caller caller, AuditTrail audit, SubscriptionRules rules, WebhookSecrets secrets,
        TimeProvider clock, IOptionsMonitor<WebhookOptions> options)
    {
        this.options = options;
        this.db = db;
        this.caller = caller;
        this.audit = audit;
        this.rules = rules;
        this.secrets = secrets;
        this.clock = clock;
    }

    /// <summary>Errors by field (<c>url</c>, <c>events</c>, <c>name</c>, <c>secret</c>, <c>retry_policy</c>); empty when valid.</summary>
    public Task<Dictionary<string, string[]>> ValidateAsync(NewWebhook request, CancellationToken ct) => rules.ValidateAsync(request, ct);

    public Task<Dictionary<string, string[]>> ValidateAsync(WebhookChanges changes, CancellationToken ct) => rules.ValidateAsync(changes, ct);

    /// <summary>Subscribes a webhook <see cref="ValidateAsync(NewWebhook, CancellationToken)"/> accepted; the view
    /// carries the secret only when it was generated here.</summary>
    public async Task<WebhookView> CreateAsync(NewWebhook request, CancellationToken ct)
    {
        var secret = request.Secret ?? StandardWebhooks.NewSecret();
        var url = request.Url!.Trim();
        var now = clock.GetUtcNow();
        var subscription = new WebhookSubscription
        {
            Id = PublicId.NewId(clock),
            WorkspaceId = caller.WorkspaceId,
            Name = string.IsNullOrWhiteSpace(request.Name) ? new Uri(url).Host : request.Name.Trim(),
            Url = url,
            Events = request.Events!.Distinct(StringComparer.Ordinal).ToArray(),
            Status = SubscriptionStatus.Active,
            RetryPolicy = SubscriptionRules.ParseRetryPolicy(request.RetryPolicy) ?? RetryPolicy.Standard,
            SecretCiphertext = secrets.Protect(secret),
            MaxPerSecond = request.Throttle?.MaxPerSecond,
            MaxInFlight = request.Throttle?.MaxInFlight,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(subscription);
        Audit("webhook.created", subscription, Described(subscription));
        await db.SaveChangesAsync(ct);
        return View(subscription) with { Secret = request.Secret is null ? secret : null };
    }

    /// <summary>Newest first; <paramref name="before"/> is the id the previous page ended with.</summary>
    public async Task<IReadOnlyList<WebhookView>> ListAsync(string? before, int take, CancellationToken ct)
    {
        var query = db.Set<WebhookSubscription>().AsNoTracking();
        if (PublicId.TryParse(IdPrefixes.Webhook, before, out var beforeId))
        {
            query = query.Where(s => s.Id < beforeId);
        }

        var subscriptions = await query.OrderByDescending(s => s.Id).Take(take).ToListAsync(ct);
        return subscriptions.Select(View).ToList();
    }

    /// <summary>The workspace's webhooks, and how many of them receive deliveries.</summary>
    public async Task<(int All, int Active)> CountAsync(CancellationToken ct)
    {
        var counts = await db.Set<WebhookSubscription>().GroupBy(_ => 1)
            .Select(g => new { All = g.Count(), Active = g.Count(s => s.Status == SubscriptionStatus.Active) }).SingleOrDefaultAsync(ct);
        return (counts?.All ?? 0, counts?.Active ?? 0);
    }

    public async Task<WebhookView?> FindAsync(string id, CancellationToken ct) =>
        await FindEntityAsync(id, ct) is { } subscription ? View(subscription) : null;

    /// <summary>Applies changes <see cref="ValidateAsync(WebhookChanges, CancellationToken)"/> accepted; setting
    /// <c>active</c> on a paused or disabled webhook resumes it.</summary>
    public async Task<WebhookView?> UpdateAsync(string id, WebhookChanges changes, CancellationToken ct)
    {
        if (await FindEntityAsync(id, ct) is not { } subscription)
        {
            return null;
        }

        subscription.Name = string.IsNullOrWhiteSpace(changes.Name) ? subscription.Name : changes.Name.Trim();
        subscription.Url = changes.Url?.Trim() ?? subscription.Url;
        subscription.Events = changes.Events?.Distinct(StringComparer.Ordinal).ToArray() ?? subscription.Events;
        subscription.RetryPolicy = SubscriptionRules.ParseRetryPolicy(changes.RetryPolicy) ?? subscription.RetryPolicy;
        if (changes.Throttle is { } throttle)
        {
            subscription.MaxPerSecond = throttle.MaxPerSecond;
            subscription.MaxInFlight = throttle.MaxInFlight;
            // A new maximum starts with a full window.
            subscription.InFlightWindow = null;
        }

        if (changes.Status == "active" && subscription.Status != SubscriptionStatus.Active)
        {
            return await ResumeAsync(subscription, "webhook.updated", ct);
        }

        if (changes.Status == "disabled")
        {
            subscription.Status = SubscriptionStatus.Disabled;
            subscription.StatusReason = "Disabled by an admin.";
        }

        return await SaveAsync(subscription, "webhook.updated", Described(subscription), ct);
    }

    /// <summary>Active again, failures forgotten, and everything still pending due now.</summary>
    public async Task<WebhookView?> ResumeAsync(string id, CancellationToken ct) =>
        await FindEntityAsync(id, ct) is { } subscription ? await ResumeAsync(subscription, "webhook.resumed", ct) : null;

    /// <summary>A new generated secret, returned this once; the old one keeps signing for 24 hours.</summary>
    public async Task<WebhookView?> RotateSecretAsync(string id, CancellationToken ct)
    {
        if (await FindEntityAsync(id, ct) is not { } subscription)
        {
            return null;
        }

        var secret = StandardWebhooks.NewSecret();
        subscription.PreviousSecretCiphertext = subscription.SecretCiphertext;
        subscription.PreviousSecretExpiresAt = clock.GetUtcNow() + RotationOverlap;
        subscription.SecretCiphertext = secrets.Protect(secret);
        var view = await SaveAsync(subscription, "webhook.secret_rotated",
            new { previous_secret_expires_at = subscription.PreviousSecretExpiresAt }, ct);
        return view with { Secret = secret };
    }

    public async Task<QueuedTest?> SendTestAsync(string id, EventType type, CancellationToken ct) =>
        await FindEntityAsync(id, ct) is { } subscription ? await TestDelivery.QueueAsync(db, clock, subscription, type, ct) : null;

    /// <summary>Deletes the webhook and its delivery log; returns what it was, or null when there is no such webhook.</summary>
    public async Task<WebhookView?> DeleteAsync(string id, CancellationToken ct)
    {
        if (await FindEntityAsync(id, ct) is not { } subscription)
        {
            return null;
        }

        db.Remove(subscription);
        Audit("webhook.deleted", subscription, new { subscription.Name, subscription.Url });
        await db.SaveChangesAsync(ct);
        return View(subscription);
    }

    private async Task<WebhookView> ResumeAsync(WebhookSubscription subscription, string action, CancellationToken ct)
    {
        subscription.Status = SubscriptionStatus.Active;
        subscription.FailingSince = null;
        subscription.StatusReason = null;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var view = await SaveAsync(subscription, action, Described(subscription), ct);
        await db.Database.ExecuteSqlRawAsync(
            """
            UPDATE webhook_deliveries SET next_attempt_at = @now WHERE subscription_id = @id AND status = 'Pending';
            """ + DeliveryFanOut.WakeDispatchers,
            [new NpgsqlParameter("now", clock.GetUtcNow()), new NpgsqlParameter("id", subscription.Id)],
            ct);
        await transaction.CommitAsync(ct);
        return view;
    }

    private async Task<WebhookView> SaveAsync(WebhookSubscription subscription, string action, object changes, CancellationToken ct)
    {
        subscription.UpdatedAt = clock.GetUtcNow();
        Audit(action, subscription, changes);
        await db.SaveChangesAsync(ct);
        return View(subscription);
    }

    // The workspace filter makes another workspace's webhook look like no webhook at all: a 404, never a 403.
    private async Task<WebhookSubscription?> FindEntityAsync(string id, CancellationToken ct) =>
        PublicId.TryParse(IdPrefixes.Webhook, id, out var subscriptionId)
            ? await db.Set<WebhookSubscription>().FirstOrDefaultAsync(s => s.Id == subscriptionId, ct)
            : null;

    // Never the secret: the audit trail is readable with audit:read.
    private static object Described(WebhookSubscription s) => new
    {
        s.Name, s.Url, s.Events, status = AuditTrail.Name(s.Status), retry_policy = AuditTrail.Name(s.RetryPolicy),
        throttle = new { max_per_second = s.MaxPerSecond, max_in_flight = s.MaxInFlight },
    };

    private void Audit(string action, WebhookSubscription subscription, object changes) =>
        audit.Add(action, "webhook", PublicId.Format(IdPrefixes.Webhook, subscription.Id), changes);

    private WebhookView View(WebhookSubscription s) => new(
        PublicId.Format(IdPrefixes.Webhook, s.Id), s.Name, s.Url, s.Events, s.Status, s.StatusReason, s.RetryPolicy,
        s.CreatedAt, s.UpdatedAt, s.PreviousSecretExpiresAt, Throttle(s));

    private ThrottleView Throttle(WebhookSubscription s)
    {
        var maximum = s.MaxInFlight ?? options.CurrentValue.MaxConcurrencyPerEndpoint;
        return new(s.MaxPerSecond, s.MaxInFlight, (int)Math.Min(s.InFlightWindow ?? maximum, maximum));
    }
}

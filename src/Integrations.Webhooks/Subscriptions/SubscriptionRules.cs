using Integrations.Platform.Events;
using Integrations.Platform.Outbound;

namespace Integrations.Webhooks.Subscriptions;

/// <summary>What makes a webhook valid, for the admin page and the API alike; errors name the field.</summary>
internal sealed class SubscriptionRules(OutboundGuard guard)
{
    public const int MaxNameLength = 200;
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 200;
    public const int MaxPerSecondLimit = 10_000;
    public const int MaxInFlightLimit = 1_000;

    private static readonly Dictionary<string, RetryPolicy> Policies = new(StringComparer.Ordinal)
    {
        ["standard"] = RetryPolicy.Standard,
        ["five_exponential"] = RetryPolicy.FiveExponential,
    };

    public async Task<Dictionary<string, string[]>> ValidateAsync(NewWebhook webhook, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        await CheckUrlAsync(webhook.Url, errors, ct);
        CheckEvents(webhook.Events, errors);
        CheckName(webhook.Name, errors);
        CheckRetryPolicy(webhook.RetryPolicy, errors);
        CheckThrottle(webhook.Throttle, errors);
        if (webhook.Secret is { } secret
            && (secret.Length is < MinSecretLength or > MaxSecretLength || secret.Any(char.IsWhiteSpace)))
        {
            errors["secret"] = [$"A secret must be {MinSecretLength} to {MaxSecretLength} characters without spaces; leave it out to get a generated one."];
        }

        return errors;
    }

    public async Task<Dictionary<string, string[]>> ValidateAsync(WebhookChanges changes, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (changes.Url is not null)
        {
            await CheckUrlAsync(changes.Url, errors, ct);
        }

        if (changes.Events is not null)
        {
            CheckEvents(changes.Events, errors);
        }

        CheckName(changes.Name, errors);
        CheckRetryPolicy(changes.RetryPolicy, errors);
        CheckThrottle(changes.Throttle, errors);
        if (changes.Status is not (null or "active" or "disabled"))
        {
            errors["status"] = ["status can be set to 'active' or 'disabled'."];
        }

        return errors;
    }

    public static RetryPolicy? ParseRetryPolicy(string? name) => name is not null && Policies.TryGetValue(name, out var policy) ? policy : null;

    private async Task CheckUrlAsync(string? url, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            errors["url"] = ["Give the endpoint URL that should receive the events."];
        }
        else if (url.Length > 2048 || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            errors["url"] = ["The URL is not a valid absolute https:// address."];
        }
        else if (await guard.CheckAsync(uri, ct) is { } reason)
        {
            errors["url"] = [reason];
        }
    }

    private static void CheckEvents(IReadOnlyList<string>? events, Dictionary<string, string[]> errors)
    {
        if (events is not { Count: > 0 })
        {
            errors["events"] = ["Choose at least one event."];
        }
        else if (events.FirstOrDefault(e => EventCatalog.Find(e) is null) is { } unknown)
        {
            errors["events"] = [$"'{unknown}' is not an event type; GET /api/v1/events/catalog lists them."];
        }
    }

    private static void CheckName(string? name, Dictionary<string, string[]> errors)
    {
        if (name is not null && name.Trim().Length > MaxNameLength)
        {
            errors["name"] = [$"The name can be at most {MaxNameLength} characters."];
        }
    }

    private static void CheckThrottle(WebhookThrottle? throttle, Dictionary<string, string[]> errors)
    {
        if (throttle?.MaxPerSecond is < 1 or > MaxPerSecondLimit)
        {
            errors["throttle.max_per_second"] = [$"max_per_second is a whole number from 1 to {MaxPerSecondLimit}, or null for no limit."];
        }

        if (throttle?.MaxInFlight is < 1 or > MaxInFlightLimit)
        {
            errors["throttle.max_in_flight"] = [$"max_in_flight is a whole number from 1 to {MaxInFlightLimit}, or null for no limit."];
        }
    }

    private static void CheckRetryPolicy(string? policy, Dictionary<string, string[]> errors)
    {
        if (policy is not null && ParseRetryPolicy(policy) is null)
        {
            errors["retry_policy"] = ["retry_policy is 'standard' or 'five_exponential'."];
        }
    }
}

namespace Integrations.Testing.Fakes.Calendly;

/// <summary>A scheduled event of an organization, with its invitees (a one-on-one event has one).</summary>
public sealed record FakeScheduledEvent(string Name, DateTimeOffset Start, DateTimeOffset End)
{
    public string Uuid { get; } = Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();

    public string Uri => $"{FakeCalendly.Api}/scheduled_events/{Uuid}";

    public string Status { get; set; } = "active";

    /// <summary>Calendly's <c>location</c> object: <c>{ type: "physical", location }</c>, or a conference's
    /// <c>{ type: "zoom", join_url, status }</c>.</summary>
    public object? Location { get; init; } = new { type = "physical", location = "Rua Augusta 1, Lisboa" };

    public List<FakeInvitee> Invitees { get; } = [];

    /// <summary>The hosts (<c>event_memberships</c>): their emails and names.</summary>
    public List<(string Email, string Name)> Hosts { get; } = [];
}

/// <summary>An invitee of a scheduled event, with the answers to the booking questions.</summary>
public sealed record FakeInvitee(string Email, string Name)
{
    public string Uuid { get; } = Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();

    public string Status { get; set; } = "active";

    public List<(string Question, string Answer)> Answers { get; init; } = [];

    /// <summary>Calendly's <c>cancellation</c> once canceled: who and why.</summary>
    public (string CanceledBy, string Reason, string CancelerType)? Cancellation { get; set; }
}

/// <summary>A webhook subscription as Calendly keeps it, with the signing key it was created with.</summary>
public sealed record FakeWebhookSubscription(string Uuid, string CallbackUrl, IReadOnlyList<string> Events, string Organization, string Scope,
    string? SigningKey, string Creator, DateTimeOffset CreatedAt)
{
    public string Uri => $"{FakeCalendly.Api}/webhook_subscriptions/{Uuid}";
}

/// <summary>A signed webhook delivery, ready to POST to its callback URL.</summary>
public sealed record FakeCalendlyDelivery(string CallbackUrl, string Body, string Signature);

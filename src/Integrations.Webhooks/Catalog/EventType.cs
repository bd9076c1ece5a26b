using System.Text.Json.Nodes;

namespace Integrations.Webhooks.Catalog;

/// <param name="Group">How the admin page groups the checkboxes (Records, Contacts, …, Documents).</param>
/// <param name="Publishable">True for platform events other modules publish through <c>POST /api/v1/events</c>.</param>
public sealed record EventType(string Name, string Group, string Description, bool Publishable, JsonObject Example);

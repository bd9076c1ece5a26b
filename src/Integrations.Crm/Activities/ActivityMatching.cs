namespace Integrations.Crm.Activities;

/// <summary>How participants become contacts.</summary>
/// <param name="CreateContacts">Make a contact of each unknown correspondent (never a no-reply sender, never an
/// address of <paramref name="OwnDomains"/>). The connection's option; off unless the admin turned it on.</param>
/// <param name="OwnDomains">The workspace's own email domains (<c>example.com</c> also covers <c>eu.example.com</c>):
/// its people are never the counterpart of an activity and never become contacts.</param>
public sealed record ActivityMatching(bool CreateContacts, IReadOnlyList<string> OwnDomains);

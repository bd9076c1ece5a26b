namespace Integrations.Apps.Syncs;

/// <summary>The workspace's own email domains as a mailbox connection shows them: its account's domain, unless that is a
/// public mail service, whose other users are customers like anyone else.</summary>
internal static class AccountDomains
{
    private static readonly HashSet<string> Public = new(StringComparer.OrdinalIgnoreCase)
    {
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com", "icloud.com", "me.com",
        "aol.com", "proton.me", "protonmail.com", "gmx.com", "gmx.de", "web.de", "mail.com", "yandex.com", "zoho.com",
    };

    public static IReadOnlyList<string> Of(string account) =>
        account.LastIndexOf('@') is var at and > 0 && account[(at + 1)..] is { Length: > 0 } domain && !Public.Contains(domain) ? [domain.ToLowerInvariant()] : [];
}

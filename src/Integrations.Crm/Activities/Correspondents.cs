namespace Integrations.Crm.Activities;

/// <summary>Which addresses are people worth a contact, and how a display name splits into first and last.</summary>
internal static class Correspondents
{
    /// <summary>Local parts (dots, dashes and underscores removed, any <c>+tag</c> dropped) of automated senders.</summary>
    private static readonly HashSet<string> Automated =
    [
        "noreply", "donotreply", "donotrespond", "noresponse", "mailerdaemon", "postmaster", "notifications",
        "notification", "notify", "alerts", "bounce", "bounces", "autoreply", "automailer", "mailer", "daemon",
    ];

    /// <summary>Prefixes of such local parts: <c>noreply-billing@</c>, <c>bounce-1234@</c>.</summary>
    private static readonly string[] AutomatedPrefixes = ["noreply", "donotreply", "bounce", "mailerdaemon"];

    public static bool IsAutomated(string email)
    {
        var local = email[..email.IndexOf('@', StringComparison.Ordinal)].ToLowerInvariant();
        var tag = local.IndexOf('+', StringComparison.Ordinal);
        if (tag >= 0)
        {
            local = local[..tag];
        }

        local = local.Replace(".", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal)
            .Replace("_", "", StringComparison.Ordinal);
        return Automated.Contains(local) || AutomatedPrefixes.Any(p => local.StartsWith(p, StringComparison.Ordinal));
    }

    /// <summary>True when the email's domain is one of <paramref name="ownDomains"/> or below one.</summary>
    public static bool IsOwn(string email, IReadOnlyList<string> ownDomains)
    {
        var domain = email[(email.LastIndexOf('@') + 1)..];
        return ownDomains.Any(own => domain.Equals(own, StringComparison.OrdinalIgnoreCase)
            || domain.EndsWith("." + own, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The domains as compared: lower case, without a leading <c>@</c>, empty ones dropped.</summary>
    public static List<string> Domains(IReadOnlyList<string> given) =>
        given.Select(d => d.Trim().TrimStart('@').ToLowerInvariant()).Where(d => d.Length > 0).Distinct().ToList();

    /// <summary>"Ada Lovelace" → (Ada, Lovelace); "Lovelace, Ada" → (Ada, Lovelace); "Ada" → (Ada, null). A name that
    /// is only an address (mail clients show one when there is no name) is no name.</summary>
    public static (string? First, string? Last) SplitName(string? name)
    {
        var trimmed = name?.Trim().Trim('"', '\'').Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Contains('@', StringComparison.Ordinal))
        {
            return (null, null);
        }

        var comma = trimmed.IndexOf(',', StringComparison.Ordinal);
        if (comma > 0)
        {
            return (Cut(trimmed[(comma + 1)..]), Cut(trimmed[..comma]));
        }

        var space = trimmed.LastIndexOf(' ');
        return space < 0 ? (Cut(trimmed), null) : (Cut(trimmed[..space]), Cut(trimmed[(space + 1)..]));
    }

    /// <summary>Digits only, as phones are matched; null when too short to name one person.</summary>
    public static string? PhoneDigits(string? phone)
    {
        var digits = phone is null ? "" : new string(phone.Where(char.IsAsciiDigit).ToArray());
        return digits.Length >= 7 ? digits : null;
    }

    private static string? Cut(string part)
    {
        var text = part.Trim();
        return text.Length == 0 ? null : text.Length > 100 ? text[..100] : text;
    }
}

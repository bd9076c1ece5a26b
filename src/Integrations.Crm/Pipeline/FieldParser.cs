using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Integrations.Crm.Schema;
using Integrations.Platform.Ids;

namespace Integrations.Crm.Pipeline;

/// <summary>
/// Turns a JSON value (from the API, a form, an import cell or an inbound payload) into a field's stored value,
/// or into a message a person understands. Strings are accepted for every kind, since files and forms have no types.
/// </summary>
internal static partial class FieldParser
{
    private static readonly HashSet<string> Currencies = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => { try { return new RegionInfo(c.Name).ISOCurrencySymbol; } catch (ArgumentException) { return null; } })
        .OfType<string>()
        .ToHashSet(StringComparer.Ordinal);

    public static bool TryParse(RecordField field, JsonNode? node, out object? value, out string? error)
    {
        value = null;
        error = null;
        if (node is null)
        {
            return true;
        }

        if (field.Kind is FieldKind.Participants)
        {
            error = ParticipantList.TryParse(field, node, out var participants);
            value = participants;
            return error is null;
        }

        if (node is not JsonValue scalar)
        {
            error = $"{field.Name} must be a single value, not an object or a list.";
            return false;
        }

        if (field.Kind is FieldKind.Boolean && scalar.TryGetValue<bool>(out var flag))
        {
            value = flag;
            return true;
        }

        var text = scalar.GetValueKind() switch
        {
            JsonValueKind.String => scalar.GetValue<string>().Trim(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => scalar.ToJsonString(),
            _ => "",
        };
        if (text.Length == 0)
        {
            return true;
        }

        if (NulError(field.Name, text) is { } nul)
        {
            error = nul;
            return false;
        }

        error = Parse(field, text, out value);
        return error is null;
    }

    /// <summary>Postgres text and jsonb cannot hold U+0000: the message for a value that does, else null.</summary>
    public static string? NulError(string name, string text) =>
        text.Contains('\0') ? $"{name} contains a NUL character (\\u0000), which no text can hold." : null;

    private static string? Parse(RecordField field, string text, out object? value)
    {
        value = null;
        switch (field.Kind)
        {
            case FieldKind.Email:
                var email = text.ToLowerInvariant();
                if (!EmailPattern().IsMatch(email))
                {
                    return $"{field.Name} '{text}' is not a valid email address.";
                }

                value = email;
                break;
            case FieldKind.Phone:
                if (!PhonePattern().IsMatch(text))
                {
                    return $"{field.Name} '{text}' is not a valid phone number.";
                }

                value = text;
                break;
            case FieldKind.Url:
                var candidate = text.Contains("://", StringComparison.Ordinal) ? text : "https://" + text;
                if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                    || !uri.Host.Contains('.', StringComparison.Ordinal))
                {
                    return $"{field.Name} '{text}' is not a valid web address.";
                }

                value = uri.ToString();
                break;
            case FieldKind.Domain:
                var host = text.ToLowerInvariant();
                if (Uri.TryCreate(host.Contains("://", StringComparison.Ordinal) ? host : "https://" + host, UriKind.Absolute, out var site))
                {
                    host = site.Host;
                }

                host = host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
                if (!DomainPattern().IsMatch(host))
                {
                    return $"{field.Name} '{text}' is not a valid domain.";
                }

                value = host;
                break;
            case FieldKind.Money:
                if (!NumberText.TryParse(text, '.', out var amount))
                {
                    return $"{field.Name} '{text}' is not a number.";
                }

                return TryMoney(field, amount, text, out value, out var moneyError) ? null : moneyError;
            case FieldKind.Currency:
                var code = text.ToUpperInvariant();
                if (!Currencies.Contains(code))
                {
                    return $"{field.Name} '{text}' is not an ISO 4217 currency code such as USD or EUR.";
                }

                value = code;
                break;
            case FieldKind.Date:
                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    value = date;
                }
                else if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment)
                         && text.Contains('T', StringComparison.Ordinal))
                {
                    value = DateOnly.FromDateTime(moment.UtcDateTime);
                }
                else
                {
                    return $"{field.Name} '{text}' is not a date like 2026-05-15.";
                }

                break;
            case FieldKind.DateTime:
                if (!IsoMomentPattern().IsMatch(text)
                    || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
                {
                    return $"{field.Name} '{text}' is not an ISO 8601 time like 2026-05-15T10:05:00Z.";
                }

                value = Moment(instant);
                break;
            case FieldKind.Boolean:
                bool? parsed = text.ToLowerInvariant() switch
                {
                    "true" or "yes" or "y" or "1" => true,
                    "false" or "no" or "n" or "0" => false,
                    _ => null,
                };
                if (parsed is null)
                {
                    return $"{field.Name} '{text}' is not true or false.";
                }

                value = parsed.Value;
                break;
            case FieldKind.Choice:
                var choice = Choose(field, text);
                if (choice is null)
                {
                    return $"{field.Name} '{text}' is not one of: {string.Join(", ", field.Choices.Select(c => c.Label))}.";
                }

                value = choice.Value;
                break;
            case FieldKind.Reference:
                var target = RecordTypes.Get(field.RefersTo!);
                if (!PublicId.TryParse(target.Prefix, text, out var id))
                {
                    return $"{field.Name} '{text}' is not {Article(target.Name)} {target.Name} id (like {target.Prefix}_…).";
                }

                value = id;
                break;
            default:
                value = text;
                break;
        }

        return value is string s && s.Length > field.MaxLength
            ? $"{field.Name} is {s.Length} characters long; the most is {field.MaxLength}."
            : null;
    }

    private static bool TryMoney(RecordField field, decimal amount, string raw, out object? value, out string? error)
    {
        value = null;
        error = amount < 0 ? $"{field.Name} must not be negative (got {raw})."
            : amount >= 1_000_000_000_000_000m ? $"{field.Name} {raw} is too large."
            : decimal.Round(amount, 4) != amount ? $"{field.Name} {raw} has more than 4 decimal places."
            : null;
        value = error is null ? amount : null;
        return error is null;
    }

    /// <remarks>A method of its own: a lambda capturing the text inside <see cref="Parse"/> would allocate its closure
    /// on every call, for every field of every imported row.</remarks>
    private static Choice? Choose(RecordField field, string text)
    {
        var wanted = Normalize(text);
        return field.Choices.FirstOrDefault(c => Normalize(c.Value) == wanted || Normalize(c.Label) == wanted);
    }

    private static string Normalize(string text) =>
        new(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private static string Article(string noun) => "aeiou".Contains(noun[0], StringComparison.Ordinal) ? "an" : "a";

    [GeneratedRegex(@"^[^@\s""(),:;<>\[\]\\]+@[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,63}$")]
    private static partial Regex EmailPattern();

    /// <summary>A moment as stored: UTC, to the microsecond as Postgres keeps it (so a re-sync compares equal).</summary>
    public static DateTimeOffset Moment(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % 10));
    }

    /// <summary>A date and time, with seconds and fractions optional, and a zone (none means UTC).</summary>
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|z|[+-]\d{2}:?\d{2})?$")]
    private static partial Regex IsoMomentPattern();

    [GeneratedRegex(@"^\+?[0-9][0-9 ().\-]{2,30}(\s*(x|ext\.?)\s*[0-9]{1,6})?$", RegexOptions.IgnoreCase)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")]
    private static partial Regex DomainPattern();
}

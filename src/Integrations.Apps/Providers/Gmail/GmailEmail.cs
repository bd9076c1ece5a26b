using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MimeKit;
using MimeKit.Utils;

namespace Integrations.Apps.Providers.Gmail;

/// <summary>A Gmail message resource (<c>format=full</c>) read for the timeline: who wrote to whom, the subject, the
/// first text/plain part (else text/html) decoded in its charset, when Gmail received it, and whether the account sent it.</summary>
internal sealed record GmailEmail(
    string Id,
    string ThreadId,
    IReadOnlyList<string> Labels,
    DateTimeOffset ReceivedAt,
    string? Subject,
    string? Text,
    string? Html,
    IReadOnlyList<GmailAddress> Addresses)
{
    /// <summary>Drafts, spam and trash are not correspondence.</summary>
    public bool Skipped => Labels.Any(l => l is "DRAFT" or "SPAM" or "TRASH");

    public bool Outbound => Labels.Contains("SENT");

    public string? From => Addresses.FirstOrDefault(a => a.Role == "from")?.Email;

    public static GmailEmail Read(JsonElement message)
    {
        var payload = message.TryGetProperty("payload", out var p) ? p : default;
        var headers = Headers(payload);
        return new GmailEmail(
            message.GetProperty("id").GetString()!,
            message.TryGetProperty("threadId", out var thread) ? thread.GetString() ?? "" : "",
            message.TryGetProperty("labelIds", out var labels) ? [.. labels.EnumerateArray().Select(l => l.GetString() ?? "")] : [],
            ReceivedAtOf(message, headers),
            headers.TryGetValue("subject", out var subject) ? Rfc2047.DecodeText(Encoding.UTF8.GetBytes(subject)) : null,
            Body(payload, "text/plain"),
            Body(payload, "text/html"),
            [.. AddressesOf("from", headers), .. AddressesOf("to", headers), .. AddressesOf("cc", headers), .. AddressesOf("bcc", headers)]);
    }

    private static Dictionary<string, string> Headers(JsonElement part)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("headers", out var list))
        {
            foreach (var header in list.EnumerateArray())
            {
                var (name, value) = (header.GetProperty("name").GetString() ?? "", header.GetProperty("value").GetString() ?? "");
                // Repeated address headers add up; any other keeps its first value.
                headers[name] = headers.TryGetValue(name, out var before) ? (IsAddressList(name) ? $"{before}, {value}" : before) : value;
            }
        }

        return headers;
    }

    private static bool IsAddressList(string name) => name.ToLowerInvariant() is "to" or "cc" or "bcc";

    private static DateTimeOffset ReceivedAtOf(JsonElement message, Dictionary<string, string> headers)
    {
        if (message.TryGetProperty("internalDate", out var internalDate)
            && long.TryParse(internalDate.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(ms);
        }

        return headers.TryGetValue("date", out var date) && DateUtils.TryParse(date, out var parsed) ? parsed.ToUniversalTime() : DateTimeOffset.UnixEpoch;
    }

    private static IEnumerable<GmailAddress> AddressesOf(string role, Dictionary<string, string> headers) =>
        headers.TryGetValue(role, out var value) && InternetAddressList.TryParse(value, out var list)
            ? list.Mailboxes.Where(m => m.Address.Contains('@', StringComparison.Ordinal))
                .Select(m => new GmailAddress(role, m.Address, string.IsNullOrWhiteSpace(m.Name) ? null : m.Name))
            : [];

    /// <summary>The first part of <paramref name="mimeType"/> that is not an attachment, depth first, decoded.</summary>
    private static string? Body(JsonElement part, string mimeType)
    {
        if (part.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (part.TryGetProperty("parts", out var parts) && parts.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in parts.EnumerateArray())
            {
                if (Body(child, mimeType) is { } found)
                {
                    return found;
                }
            }

            return null;
        }

        var headers = Headers(part);
        var attachment = (part.TryGetProperty("filename", out var name) && name.GetString() is { Length: > 0 })
            || (headers.TryGetValue("content-disposition", out var disposition) && disposition.TrimStart().StartsWith("attachment", StringComparison.OrdinalIgnoreCase));
        if (attachment || !string.Equals(part.GetProperty("mimeType").GetString(), mimeType, StringComparison.OrdinalIgnoreCase)
            || !part.TryGetProperty("body", out var body) || !body.TryGetProperty("data", out var data) || data.GetString() is not { } encoded)
        {
            return null;
        }

        var bytes = Base64Url.DecodeFromChars(encoded.TrimEnd('='));
        // The part's charset (MimeKit maps the names, code pages included); UTF-8 when it names none or one unknown.
        var encoding = headers.TryGetValue("content-type", out var type) && ContentType.TryParse(type, out var parsed) ? parsed.CharsetEncoding : null;
        return (encoding ?? Encoding.UTF8).GetString(bytes);
    }
}

/// <summary>One address of a message: <c>from</c>, <c>to</c>, <c>cc</c> or <c>bcc</c>.</summary>
internal sealed record GmailAddress(string Role, string Email, string? Name);

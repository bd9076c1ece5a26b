using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Integrations.Apps.Actions;
using Integrations.Crm.Reading;
using Integrations.Crm.Schema;
using Integrations.Platform.Ids;

namespace Integrations.Apps.Providers.WhatsApp;

/// <summary>Whom a send action writes to: <c>to</c> (E.164), else the phone of the contact <c>contact_id</c> names,
/// which must be in E.164 too (WhatsApp needs the country code); the contact's fields fill a template's parameters.</summary>
internal sealed partial class WhatsAppRecipient(RecordReader records)
{
    public async Task<Recipient> ResolveAsync(JsonObject input, CancellationToken ct)
    {
        JsonObject? contact = null;
        if ((string?)input["contact_id"] is { } contactId)
        {
            contact = PublicId.TryParse(IdPrefixes.Contact, contactId, out var id) ? await records.GetAsync(RecordTypes.Contact, id, ct) : null;
            if (contact is null)
            {
                throw new ActionInputException("input.contact_id", $"There is no contact {contactId} in this workspace.");
            }
        }

        if ((string?)input["to"] is { } to)
        {
            return E164(to) is { } phone
                ? new Recipient(phone, contact)
                : throw new ActionInputException("input.to", $"'{to}' is not a phone number in E.164 (+ country code and number, e.g. +15550100100).");
        }

        if (contact is null)
        {
            throw new ActionInputException("input.to", "Give the phone number to write to (E.164, e.g. +15550100100), or a contact_id whose phone to use.");
        }

        return (string?)contact["phone"] switch
        {
            null => throw new ActionInputException("input.contact_id", "This contact has no phone number to write to on WhatsApp."),
            var stored when E164(stored) is { } phone => new Recipient(phone, contact),
            var stored => throw new ActionInputException("input.contact_id",
                $"The contact's phone '{stored}' has no country code: WhatsApp needs it in E.164 (e.g. +15550100100)."),
        };
    }

    /// <summary>+ and 7 to 15 digits once spaces, dashes, dots and brackets are taken out; null otherwise.</summary>
    public static string? E164(string text)
    {
        var compact = Separators().Replace(text.Trim(), "");
        return Pattern().IsMatch(compact) ? compact : null;
    }

    [GeneratedRegex(@"[\s\-.()]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex Pattern();
}

/// <summary>The phone in E.164 (<c>+15550100100</c>), and the contact when one was named.</summary>
internal sealed record Recipient(string Phone, JsonObject? Contact)
{
    /// <summary>WhatsApp's id of the number: its digits (<c>wa_id</c>), which threads a conversation's activities.</summary>
    public string WaId => Phone[1..];
}

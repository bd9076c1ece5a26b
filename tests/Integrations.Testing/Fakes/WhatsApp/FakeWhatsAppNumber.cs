namespace Integrations.Testing.Fakes.WhatsApp;

/// <summary>A business phone number of the fake: its Graph id, how Meta displays it, its verified name, the system-user
/// token that may use it and the secret of the Meta app it belongs to (which signs its webhooks).</summary>
public sealed record FakeWhatsAppNumber(string Id, string Display, string VerifiedName, string Token, string AppSecret)
{
    /// <summary>A new number with random ids and secrets; <paramref name="display"/> as Meta shows it.</summary>
    public static FakeWhatsAppNumber New(string display = "+1 555-010-0100", string verifiedName = "Sentinel Test Shop")
    {
        var id = string.Concat(Guid.NewGuid().ToString("N").Where(char.IsAsciiDigit)).PadRight(15, '7')[..15];
        return new FakeWhatsAppNumber(id, display, verifiedName, "EAAG" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"),
            Guid.NewGuid().ToString("N"));
    }
}

/// <summary>A message the fake accepted: from which number, to whom (as given and as a wa_id), its wamid and the body.</summary>
public sealed record FakeWhatsAppSent(string PhoneNumberId, string To, string WaId, string Id, System.Text.Json.Nodes.JsonObject Body);

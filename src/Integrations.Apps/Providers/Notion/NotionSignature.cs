using Integrations.Platform.Signing;

namespace Integrations.Apps.Providers.Notion;

/// <summary><c>X-Notion-Signature: sha256=&lt;hex&gt;</c>: the HMAC-SHA256 of the raw body keyed with the subscription's
/// verification token.</summary>
internal static class NotionSignature
{
    public const string Header = "X-Notion-Signature";

    public static bool SignedWith(string? header, string token, byte[] body) =>
        header is { Length: > 0 } given && Signatures.SameText(given.Trim().ToLowerInvariant(), Signatures.Sha256Header(token, body));
}

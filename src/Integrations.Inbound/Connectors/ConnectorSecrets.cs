using System.Security.Cryptography;
using System.Text.Json;
using Integrations.Inbound.Security;

namespace Integrations.Inbound.Connectors;

/// <summary>
/// A connector's credentials at rest: its auth, and the credentials in its URL's query and its body. What is stored in
/// the clear (and shown, audited, compared) has them <c>REDACTED</c>; the real values are protected with
/// <see cref="InboundSecrets"/>. Reading them throws <see cref="System.Security.Cryptography.CryptographicException"/>
/// when the key that protected them is gone.
/// </summary>
internal sealed class ConnectorSecrets(InboundSecrets secrets)
{
    /// <summary>Stores <paramref name="url"/> and <paramref name="body"/> as they will be sent.</summary>
    public void SetRequest(Connector connector, string url, string? body)
    {
        connector.Url = ConnectorUrls.Redact(url);
        connector.Body = ConnectorBodies.Redact(body);
        connector.RequestCiphertext = connector.Url == url && connector.Body == body
            ? null
            : secrets.Protect(JsonSerializer.Serialize(new SentRequest(url, body)));
    }

    /// <summary>The URL and body as sent.</summary>
    public SentRequest Request(Connector connector) => connector.RequestCiphertext is { } ciphertext
        ? JsonSerializer.Deserialize<SentRequest>(secrets.Unprotect(ciphertext))!
        : new SentRequest(connector.Url, connector.Body);

    public ConnectorAuth? Auth(Connector connector) =>
        connector.AuthCiphertext is { } ciphertext ? ConnectorAuth.FromJson(secrets.Unprotect(ciphertext)) : null;

    public void SetAuth(Connector connector, ConnectorAuth? auth) =>
        connector.AuthCiphertext = auth is null ? null : secrets.Protect(auth.ToJson());

    /// <summary>Whether the stored credentials can still be decrypted (their key may be gone, or the ciphertext damaged).</summary>
    public bool Readable(Connector connector)
    {
        try
        {
            _ = (Request(connector), Auth(connector));
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Whether the URL or body in the clear still holds credentials (stored before they were protected).</summary>
    public static bool ShowsCredentials(Connector connector) =>
        connector.RequestCiphertext is null
        && (ConnectorUrls.Redact(connector.Url) != connector.Url || ConnectorBodies.Redact(connector.Body) != connector.Body);
}

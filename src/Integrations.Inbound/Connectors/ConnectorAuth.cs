using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Integrations.Inbound.Connectors;

/// <summary>How a connector authenticates, and its credentials once decrypted. Never logged, audited or returned.</summary>
internal sealed record ConnectorAuth(string? Token = null, string? Key = null, string? Username = null, string? Password = null)
{
    public const string None = "none";
    public const string Bearer = "bearer";
    public const string ApiKey = "api_key";
    public const string Basic = "basic";

    public static readonly IReadOnlyList<string> Types = [None, Bearer, ApiKey, Basic];

    public string ToJson() => JsonSerializer.Serialize(this);

    public static ConnectorAuth FromJson(string json) => JsonSerializer.Deserialize<ConnectorAuth>(json) ?? new ConnectorAuth();

    /// <summary>Puts the credentials on a request: <c>Authorization: Bearer</c>, the API key header, or Basic.</summary>
    public void Apply(HttpRequestMessage request, string type, string? header)
    {
        switch (type)
        {
            case Bearer:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
                break;
            case ApiKey:
                request.Headers.TryAddWithoutValidation(header!, Key);
                break;
            case Basic:
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                    Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}")));
                break;
        }
    }
}

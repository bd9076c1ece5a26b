namespace Integrations.Apps.Catalogue;

/// <summary>One app of the catalogue (<c>apps.json</c>): who it is, how it connects, where it lives, and what it offers.</summary>
public sealed record AppDefinition
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Category { get; init; }
    public required string Summary { get; init; }
    public required AppAuth Auth { get; init; }

    /// <summary>By name: <c>authorize</c>, <c>token</c>, <c>revoke</c>, <c>identity</c>, <c>api</c> and the app's own.
    /// Each can be overridden with <c>Sentinel:Apps:{id}:Urls:{name}</c>.</summary>
    public required IReadOnlyDictionary<string, string> Urls { get; init; }

    /// <summary>The provider's API version where its URLs carry one (Meta's Graph API, <c>v23.0</c>): <c>{api_version}</c>
    /// in <see cref="Urls"/> is replaced by it, or by <c>Sentinel:Apps:{id}:ApiVersion</c> when configured.</summary>
    public string? ApiVersion { get; init; }

    /// <summary>What an admin sets per connection (e.g. which Slack channels are triggers); kept in the connection.</summary>
    public IReadOnlyList<ActionField> Settings { get; init; } = [];

    public IReadOnlyList<AppFeature> Syncs { get; init; } = [];
    public IReadOnlyList<AppAction> Actions { get; init; } = [];
    public IReadOnlyList<AppFeature> Triggers { get; init; } = [];
}

/// <summary>How an app authorizes: OAuth 2.0 authorization code (with PKCE where the provider supports it), or
/// <c>credentials</c> an admin enters on the app's page (<see cref="Fields"/>; WhatsApp's system-user token); and where
/// the account a connection belongs to comes from (<c>identity</c>: the identity URL's answer; <c>token_response</c>;
/// <c>credentials</c>: the answer of the call that checks them).</summary>
public sealed record AppAuth
{
    public const string OAuth2 = "oauth2";
    public const string Credentials = "credentials";

    /// <summary>The credential field whose value is the connection's Bearer token (stored as its access token).</summary>
    public const string AccessTokenField = "access_token";
    public const string RevokeWithBearer = "bearer";
    public const string RevokeWithQuery = "token_query";

    public required string Kind { get; init; }
    public IReadOnlyList<string> Scopes { get; init; } = [];
    public string ScopeSeparator { get; init; } = " ";

    /// <summary><c>body</c> (client id and secret in the token request's form) or <c>basic</c>.</summary>
    public string ClientAuth { get; init; } = "body";

    /// <summary>How the token request carries its parameters: <c>form</c> (RFC 6749), or <c>json</c> with the client in
    /// HTTP Basic (Notion's).</summary>
    public string TokenBody { get; init; } = "form";

    public const string JsonTokenBody = "json";

    public bool Pkce { get; init; }
    public bool RotatesRefreshTokens { get; init; }

    /// <summary>How the revoke URL takes the token: <c>token_form</c> (<c>token=</c> in a form, RFC 7009),
    /// <c>token_query</c> (<c>?token=</c>, Zoom's) or <c>bearer</c> (the access token as a Bearer header, Slack's
    /// <c>auth.revoke</c>).</summary>
    public string RevokeWith { get; init; } = "token_form";
    public IReadOnlyDictionary<string, string> AuthorizeParameters { get; init; } = new Dictionary<string, string>();
    public required string AccountFrom { get; init; }
    public required string AccountPath { get; init; }
    public string? AccountFallbackPath { get; init; }
    public string? AccountNamePath { get; init; }

    /// <summary>Connection settings taken from the same answer as the account, by path (Zoom's <c>account_id</c>, which
    /// routes its webhooks); kept in the connection's settings beside the ones an admin edits.</summary>
    public IReadOnlyDictionary<string, string> AccountSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>Where an admin registers the OAuth client with the provider (or, for credentials, finds them).</summary>
    public string? Console { get; init; }

    /// <summary><c>credentials</c> only: what the admin enters. <c>access_token</c> becomes the connection's token; the
    /// others are kept in its settings, a <c>secret</c> one encrypted and shown as <c>"set"</c>.</summary>
    public IReadOnlyList<ActionField> Fields { get; init; } = [];
}

/// <summary>A sync or a trigger event an app offers.</summary>
public sealed record AppFeature(string Id, string Name, string Description);

/// <summary>An action an app can run (from a workflow step, the API or its page), with the fields it takes.</summary>
public sealed record AppAction(string Id, string Name, string Description, IReadOnlyList<ActionField> Fields);

/// <summary>An input of an action or a connection setting. <c>type</c>: text, long_text, emails, datetime, number,
/// boolean, json, mapping (an inbound record mapping, shown in the mapping editor), channel, channels or secret (stored
/// encrypted, never shown again).</summary>
public sealed record ActionField(string Name, string Label, string Type, bool Required);

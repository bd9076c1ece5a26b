namespace Integrations.Testing.Fakes.OAuth;

/// <summary>Whose OAuth 2.0 a <see cref="FakeOAuthProvider"/> speaks: its paths, its token and error shapes, its rotation.</summary>
public enum OAuthStyle
{
    Google,
    Microsoft,
    Slack,
    Zoom,
    Calendly,
    LinkedIn,
    Meta,
    Notion,
}

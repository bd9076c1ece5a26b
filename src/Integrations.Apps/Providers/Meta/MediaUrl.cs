namespace Integrations.Apps.Providers.Meta;

/// <summary>Meta fetches a post's photo or image itself from a public URL: only https is taken, with a host.</summary>
internal static class MediaUrl
{
    public static bool IsHttps(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps && url.Host.Length > 0 && text.Length <= 2_000;
}

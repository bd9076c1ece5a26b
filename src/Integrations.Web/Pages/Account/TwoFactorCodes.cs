namespace Integrations.Web.Pages.Account;

/// <summary>Codes as people type them: an app's code with a space in the middle, a recovery code in lower case or without
/// its dash. Identity makes recovery codes as <c>XXXXX-XXXXX</c> and compares them exactly.</summary>
internal static class TwoFactorCodes
{
    public static string Authenticator(string? code) =>
        (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);

    public static string Recovery(string? code)
    {
        var bare = (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();
        return bare.Length == 10 ? bare[..5] + "-" + bare[5..] : bare;
    }
}

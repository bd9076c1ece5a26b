using System.Text;

namespace Integrations.Imports.Jobs;

/// <summary>
/// The name an import is listed under: the last segment of whatever the client sent (some browsers send a Windows
/// path), without control characters, bidirectional controls or broken UTF-16, and short enough for its column. Every
/// byte of it is the client's choice, and the name reaches the database, the page and the error file's download name;
/// a right-to-left override would show <c>invoice\u202Egpj.exe</c> as "invoiceexe.jpg".
/// </summary>
internal static class UploadName
{
    internal const int MaxLength = 255;

    public static string Clean(string fileName)
    {
        var name = new StringBuilder(Math.Min(fileName.Length, MaxLength * 2));
        foreach (var rune in fileName[(fileName.LastIndexOfAny(['/', '\\']) + 1)..].EnumerateRunes())
        {
            name.Append(Rune.IsControl(rune) || IsBidiControl(rune.Value) ? "\uFFFD" : rune.ToString());
        }

        var clean = name.ToString().Trim();
        if (clean.Length == 0)
        {
            return "upload";
        }

        if (clean.Length <= MaxLength)
        {
            return clean;
        }

        var extension = Path.GetExtension(clean);
        extension = extension.Length <= 10 ? extension : "";
        var keep = MaxLength - extension.Length - 1;
        if (char.IsHighSurrogate(clean[keep - 1]))
        {
            keep--;
        }

        return string.Concat(clean.AsSpan(0, keep), "…", extension);
    }

    /// <summary>The marks, embeddings, overrides and isolates of the Unicode bidirectional algorithm (UAX #9).</summary>
    private static bool IsBidiControl(int c) => c is 0x061C or 0x200E or 0x200F or (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069);
}

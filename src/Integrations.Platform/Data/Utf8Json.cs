using System.Text;

namespace Integrations.Platform.Data;

/// <summary>
/// A JSON document as UTF-8 bytes: how audit changes and event data travel from the code that writes them to the
/// database. An import writes two for each of a million rows: as bytes they take half the memory of a string, and
/// <c>COPY</c> sends them as they are instead of encoding them again. A string converts implicitly.
/// </summary>
public sealed class Utf8Json
{
    public Utf8Json(byte[] bytes) => Bytes = bytes;

    public byte[] Bytes { get; }

    public static implicit operator Utf8Json(string json) => new(Encoding.UTF8.GetBytes(json));

    public override string ToString() => Encoding.UTF8.GetString(Bytes);
}

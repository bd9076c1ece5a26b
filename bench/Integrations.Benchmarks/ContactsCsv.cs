using System.Text;

namespace Integrations.Benchmarks;

/// <summary>A contacts file of <c>first_name,last_name,email,phone,job_title</c> rows with unique emails, in a temp file.</summary>
internal sealed class ContactsCsv : IDisposable
{
    private static readonly string[] Titles = ["Buyer", "Head of Procurement", "CTO", "Office Manager", "Account Executive"];

    private ContactsCsv(string path, int rows)
    {
        Path = path;
        Rows = rows;
    }

    public string Path { get; }

    public int Rows { get; }

    /// <param name="variant">Shifts every row's job title: the same contacts, each with one field changed.</param>
    public static ContactsCsv Write(int rows, int variant = 0)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"bench-contacts-{rows}-{Guid.NewGuid():N}.csv");
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("first_name,last_name,email,phone,job_title\r\n");
        for (var i = 0; i < rows; i++)
        {
            writer.Write($"Person{i},Bench{i % 997},person{i}@example.com,+1 555 {i % 10_000_000:D7},{Titles[(i + variant) % Titles.Length]}\r\n");
        }

        return new ContactsCsv(path, rows);
    }

    /// <summary>The data rows split on commas (the generated file has no quoting).</summary>
    public IEnumerable<string[]> ReadRows() => File.ReadLines(Path).Skip(1).Select(line => line.Split(','));

    public void Dispose() => File.Delete(Path);
}

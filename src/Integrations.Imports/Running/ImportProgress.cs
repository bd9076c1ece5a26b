namespace Integrations.Imports.Running;

/// <summary>
/// Which file rows of a job are stored, when chunks commit out of order (two are written at once). A chunk covers
/// the file rows <c>[From, To)</c>, and the chunks of a run tile the file. <see cref="NextRow"/> is where the stored
/// prefix ends; <see cref="Ahead"/> holds the chunks stored beyond it, as flattened <c>From, To</c> pairs.
/// </summary>
internal sealed record ImportProgress(int NextRow, int[] Ahead)
{
    /// <summary>The progress once the chunk <c>[from, to)</c> is stored too.</summary>
    public ImportProgress With(int from, int to)
    {
        var ranges = Ranges().ToList();
        if (from < NextRow || ranges.Any(r => from < r.To && r.From < to))
        {
            throw new InvalidOperationException($"Rows {from}–{to - 1} overlap rows already stored.");
        }

        if (from != NextRow)
        {
            return new ImportProgress(NextRow, Flatten(Merge(ranges.Append((From: from, To: to)).OrderBy(r => r.From))));
        }

        var next = to;
        while (ranges.FindIndex(r => r.From == next) is var i and >= 0)
        {
            next = ranges[i].To;
            ranges.RemoveAt(i);
        }

        return new ImportProgress(next, Flatten(ranges));
    }

    /// <summary>The stored chunk that holds <paramref name="row"/>, beyond <see cref="NextRow"/>.</summary>
    /// <remarks>Asked for every row a run reads, so no LINQ.</remarks>
    public (int From, int To)? StoredAhead(int row)
    {
        for (var i = 0; i + 1 < Ahead.Length; i += 2)
        {
            if (Ahead[i] <= row && row < Ahead[i + 1])
            {
                return (Ahead[i], Ahead[i + 1]);
            }
        }

        return null;
    }

    /// <summary>Which rows are done, as a person reads it: <c>rows 2–1001, 2002–3001 and 4002–5001</c>.</summary>
    public string Describe()
    {
        var done = Ranges().Prepend((From: 2, To: NextRow)).Where(r => r.To > r.From)
            .Select(r => r.To - r.From == 1 ? $"{r.From}" : $"{r.From}–{r.To - 1}").ToList();
        return done.Count switch
        {
            0 => "no rows",
            1 => $"{(done[0].Contains('–') ? "rows" : "row")} {done[0]}",
            _ => $"rows {string.Join(", ", done[..^1])} and {done[^1]}",
        };
    }

    private IEnumerable<(int From, int To)> Ranges()
    {
        for (var i = 0; i + 1 < Ahead.Length; i += 2)
        {
            yield return (Ahead[i], Ahead[i + 1]);
        }
    }

    /// <summary>Adjacent ranges become one, so a later run's chunk never straddles two (one may hold no rows).</summary>
    private static IEnumerable<(int From, int To)> Merge(IEnumerable<(int From, int To)> sorted)
    {
        (int From, int To)? open = null;
        foreach (var range in sorted)
        {
            if (open is { } current && current.To == range.From)
            {
                open = (current.From, range.To);
                continue;
            }

            if (open is { } done)
            {
                yield return done;
            }

            open = range;
        }

        if (open is { } last)
        {
            yield return last;
        }
    }

    private static int[] Flatten(IEnumerable<(int From, int To)> ranges) => ranges.SelectMany(r => new[] { r.From, r.To }).ToArray();
}

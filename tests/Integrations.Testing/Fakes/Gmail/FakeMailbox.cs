using System.Collections.Concurrent;
using MimeKit;

namespace Integrations.Testing.Fakes.Gmail;

/// <summary>
/// One account's mailbox in the fake Gmail: messages newest first, and a history of what was added, each addition with
/// the next history id. Tests add mail, delete it, read what was sent, and expire the history (as Gmail does after about
/// a week, when <c>history.list</c> answers 404 to an old <c>startHistoryId</c>).
/// </summary>
public sealed class FakeMailbox(string email, Func<string> newId)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, FakeMessage> messages = [];
    private const long FirstHistoryId = 100_000;
    private readonly List<FakeMessage> history = [];
    private long historyId = FirstHistoryId;
    private long oldestHistoryId = FirstHistoryId;
    private FakeMessage[]? newestFirst;

    public string Email { get; } = email;

    /// <summary>What <c>messages.send</c> accepted, as the MIME the client sent.</summary>
    public ConcurrentQueue<MimeMessage> Sent { get; } = [];

    public long HistoryId
    {
        get
        {
            lock (gate)
            {
                return historyId;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (gate)
            {
                return messages.Count;
            }
        }
    }

    public FakeMessage Add(FakeEmail email) => Store(email.ThreadId, email.Labels, email.ReceivedAt, email, null);

    /// <summary>Deletes a message for good (its history entry stays, as Gmail's does): <c>messages.get</c> answers 404.</summary>
    public void Delete(string id)
    {
        lock (gate)
        {
            messages.Remove(id);
            newestFirst = null;
        }
    }

    /// <summary>Every history id up to now becomes too old: <c>history.list</c> from any of them answers 404.</summary>
    public void ExpireHistory()
    {
        lock (gate)
        {
            oldestHistoryId = historyId + 1;
        }
    }

    internal FakeMessage Store(string? threadId, IReadOnlyList<string> labels, DateTimeOffset receivedAt, FakeEmail? email, byte[]? raw)
    {
        var id = newId();
        lock (gate)
        {
            var message = new FakeMessage(id, threadId ?? id, labels, receivedAt, ++historyId, email, raw);
            messages[id] = message;
            history.Add(message);
            newestFirst = null;
            return message;
        }
    }

    internal FakeMessage? Find(string id)
    {
        lock (gate)
        {
            return messages.GetValueOrDefault(id);
        }
    }

    /// <summary>A page of the messages received after <paramref name="afterMs"/> (Unix ms), newest first, without spam and
    /// trash unless asked, from just after <paramref name="cursor"/>; how many match in all; whether more follow.</summary>
    internal (List<FakeMessage> Page, int Estimate, bool More) List(long afterMs, bool includeSpamTrash, FakeMessage? cursor, int max)
    {
        lock (gate)
        {
            newestFirst ??= [.. messages.Values.OrderBy(m => m, NewestFirst.Instance)];
            // Newest first, so the window is a prefix, and a page starts just past its cursor.
            var end = newestFirst.Length;
            while (end > 0 && newestFirst[end - 1].InternalDate.ToUnixTimeMilliseconds() <= afterMs)
            {
                end--;
            }

            var from = cursor is null ? 0 : Math.Abs(Array.BinarySearch(newestFirst, 0, end, cursor, NewestFirst.Instance) + 1);
            var page = new List<FakeMessage>(Math.Min(max, end - from));
            var next = from;
            for (; next < end && page.Count < max; next++)
            {
                if (includeSpamTrash || !newestFirst[next].Labels.Any(l => l is "SPAM" or "TRASH"))
                {
                    page.Add(newestFirst[next]);
                }
            }

            return (page, end, next < end);
        }
    }

    /// <summary>Up to <paramref name="max"/> additions after history id <paramref name="start"/>, and whether more follow;
    /// null when <paramref name="start"/> is older than the history kept.</summary>
    internal (List<FakeMessage> Added, bool More)? HistoryAfter(long start, int max)
    {
        lock (gate)
        {
            if (start < oldestHistoryId)
            {
                return null;
            }

            // History ids go up by one per addition from the first, so the position is arithmetic.
            var from = (int)Math.Clamp(start - FirstHistoryId, 0, history.Count);
            var count = Math.Min(max, history.Count - from);
            return (history.GetRange(from, count), from + count < history.Count);
        }
    }

    private sealed class NewestFirst : IComparer<FakeMessage>
    {
        public static readonly NewestFirst Instance = new();

        public int Compare(FakeMessage? x, FakeMessage? y)
        {
            var byDate = y!.InternalDate.CompareTo(x!.InternalDate);
            return byDate != 0 ? byDate : string.CompareOrdinal(y.Id, x.Id);
        }
    }
}

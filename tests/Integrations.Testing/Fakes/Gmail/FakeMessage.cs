using MimeKit;

namespace Integrations.Testing.Fakes.Gmail;

/// <summary>A message in a fake mailbox. Its MIME is built when asked for (from the test's <see cref="FakeEmail"/>, or
/// parsed from what was sent), so a mailbox of many thousands of messages stays small.</summary>
public sealed class FakeMessage
{
    private readonly FakeEmail? email;
    private readonly byte[]? raw;

    internal FakeMessage(string id, string threadId, IReadOnlyList<string> labels, DateTimeOffset internalDate, long historyId, FakeEmail? email, byte[]? raw)
    {
        Id = id;
        ThreadId = threadId;
        Labels = labels;
        InternalDate = internalDate;
        HistoryId = historyId;
        this.email = email;
        this.raw = raw;
    }

    public string Id { get; }

    public string ThreadId { get; }

    public IReadOnlyList<string> Labels { get; }

    public DateTimeOffset InternalDate { get; }

    public long HistoryId { get; }

    /// <summary>The message as RFC 2822 MIME, as Gmail would hand it out with <c>format=raw</c>.</summary>
    public MimeMessage Mime() => raw is not null ? MimeMessage.Load(new MemoryStream(raw)) : Build(email!);

    private static MimeMessage Build(FakeEmail email)
    {
        var message = new MimeMessage { Subject = email.Subject, Date = email.ReceivedAt };
        message.From.AddRange(InternetAddressList.Parse(email.From));
        message.To.AddRange(InternetAddressList.Parse(email.To));
        if (email.Cc is not null)
        {
            message.Cc.AddRange(InternetAddressList.Parse(email.Cc));
        }

        message.Body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html }.ToMessageBody();
        return message;
    }
}

using System.Buffers.Text;
using MimeKit;
using MimeKit.Utils;

namespace Integrations.Apps.Providers.Gmail;

/// <summary>The RFC 2822 message <c>send_email</c> hands to Gmail, built by MimeKit (headers encoded and folded, so a
/// subject cannot smuggle in a header), base64url-encoded as <c>messages.send</c> takes it.</summary>
internal static class GmailMime
{
    public static MimeMessage Build(string fromEmail, string? fromName, IEnumerable<string> to, IEnumerable<string> cc,
        string subject, string? text, string? html, DateTimeOffset now)
    {
        var message = new MimeMessage { Subject = subject, Date = now };
        message.From.Add(new MailboxAddress(fromName, fromEmail));
        message.To.AddRange(to.Select(a => new MailboxAddress(null, a)));
        message.Cc.AddRange(cc.Select(a => new MailboxAddress(null, a)));
        message.MessageId = MimeUtils.GenerateMessageId(fromEmail[(fromEmail.LastIndexOf('@') + 1)..]);
        message.Body = new BodyBuilder { TextBody = text ?? (html is null ? "" : null), HtmlBody = html }.ToMessageBody();
        return message;
    }

    public static string Raw(MimeMessage message)
    {
        using var bytes = new MemoryStream();
        message.WriteTo(FormatOptions.Default, bytes);
        return Base64Url.EncodeToString(bytes.GetBuffer().AsSpan(0, (int)bytes.Length));
    }
}

namespace Integrations.Platform.Outbound;

/// <summary>An outbound call the guard refused; the message says why, for the admin or the delivery log.</summary>
public sealed class OutboundRefusedException(string message) : HttpRequestException(message);

using Integrations.Testing.Fakes.Meta;
using Microsoft.AspNetCore.Http;

namespace Integrations.Testing.Fakes.WhatsApp;

/// <summary>WhatsApp's own Graph errors, in <see cref="FakeGraphErrors"/>' shape.</summary>
internal static class FakeWhatsAppErrors
{
    public static IResult ReEngagement() => FakeGraphErrors.Error(400, "(#131047) Re-engagement message", "OAuthException", 131047,
        "Message failed to send because more than 24 hours have passed since the customer last replied to this number.");

    public static IResult UnknownTemplate(string name, string language) => FakeGraphErrors.Error(404, "(#132001) Template name does not exist in the translation",
        "OAuthException", 132001, $"template name ({name}) does not exist in {language}");

    public static IResult ParameterCount(int expected, int given) => FakeGraphErrors.Error(400, "(#132000) Number of parameters does not match the expected number of params",
        "OAuthException", 132000, $"body: number of localizable_params ({given}) does not match the expected number of params ({expected})");
}

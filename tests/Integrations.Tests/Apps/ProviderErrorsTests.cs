using System.Text.Json;
using Integrations.Apps.Connect;

namespace Integrations.Tests.Apps;

public sealed class ProviderErrorsTests
{
    [Theory]
    [InlineData("""{"message":"Invalid access token","serviceErrorCode":65600,"status":401}""", "401: Invalid access token")]
    [InlineData("""{"status":403,"serviceErrorCode":100,"code":"ACCESS_DENIED","message":"Not enough permissions"}""", "ACCESS_DENIED: Not enough permissions")]
    [InlineData("""{"errorDetailType":"com.linkedin.common.error.BadRequest","message":"Content is a duplicate of urn:li:share:1","errorDetails":{"inputErrors":[{"description":"Duplicate post is detected","input":{},"code":"DUPLICATE_POST"}]},"status":422}""",
        "DUPLICATE_POST: Content is a duplicate of urn:li:share:1")]
    [InlineData("""{"error":"invalid_client","error_description":"Client authentication failed"}""", "invalid_client: Client authentication failed")]
    public void Of_ReadsLinkedInsErrors_AndStillOAuths(string body, string expected) =>
        Assert.Equal(expected, ProviderErrors.Of(JsonDocument.Parse(body).RootElement));

    [Theory]
    [InlineData("""{"ok":true,"message":{"text":"hi"},"status":"sent"}""")]
    [InlineData("""{"message":"Created","status":201}""")]
    public void Of_IsNull_ForAnswersThatAreNotErrors(string body) =>
        Assert.Null(ProviderErrors.Of(JsonDocument.Parse(body).RootElement));
}

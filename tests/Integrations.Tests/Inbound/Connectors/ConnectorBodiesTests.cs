using Integrations.Inbound.Connectors;

namespace Integrations.Tests.Inbound.Connectors;

public sealed class ConnectorBodiesTests
{
    [Theory]
    [InlineData("""{"a": 1, "b": "x"}""", """{"a": 1, "b": "x"}""")]
    [InlineData("""{"token": "t", "n": 1.50}""", """{"token":"REDACTED","n":1.50}""")]
    [InlineData("""{"login": {"Client-Secret": 7, "id": "c"}}""", """{"login":{"Client-Secret":"REDACTED","id":"c"}}""")]
    [InlineData("""[{"password": null}, {"keys": ["k"]}]""", """[{"password":"REDACTED"},{"keys":["k"]}]""")]
    [InlineData("""{"token": ["t1", "t2"], "credentials": {"user": "u", "pass": "p"}}""", """{"token":"REDACTED","credentials":"REDACTED"}""")]
    [InlineData("not json", "not json")]
    [InlineData(null, null)]
    public void Redact_HidesCredentialFieldsAtAnyDepth_AndLeavesOtherBodiesAsTyped(string? body, string? shown) =>
        Assert.Equal(shown, ConnectorBodies.Redact(body));

    [Fact]
    public void Placeholders_NameThePathsOfRedactedValues()
    {
        var paths = ConnectorBodies.Placeholders("""{"secret": "REDACTED", "x": {"api.key": "REDACTED", "token": "given"}, "list": [{"pwd": "REDACTED"}]}""");

        Assert.Equal(["$.secret", "$.x['api.key']", "$.list[0].pwd"], paths);
    }

    [Theory]
    [InlineData("{'token': 'single quotes'}")]
    [InlineData("""{"token": "a", "token": "b"}""")]
    [InlineData("""{"a": 1,}""")]
    [InlineData("""{"a": 1} // note""")]
    public void Problem_RefusesWhatIsNotStrictJson_OrGivesANameTwice(string body) =>
        Assert.StartsWith("The request body must be valid JSON", ConnectorBodies.Problem(body), StringComparison.Ordinal);

    [Fact]
    public void Restore_PutsBackAWholeValue_WhenTheCredentialHeldOne() =>
        Assert.Equal("""{"credentials":{"user":"u","pass":"p"}}""",
            ConnectorBodies.Restore("""{"credentials": "REDACTED"}""", """{"credentials": {"user": "u", "pass": "p"}}"""));

    [Theory]
    [InlineData("""{"secret": "REDACTED", "page": 2}""", """{"secret":"s-1","page":2}""")]
    [InlineData("""{"secret": "new"}""", """{"secret": "new"}""")]
    [InlineData("""{"nested": {"token": "REDACTED"}}""", """{"nested":{"token":"REDACTED"}}""")]
    public void Restore_PutsStoredValuesBackAtTheSamePath_Only(string given, string restored) =>
        Assert.Equal(restored, ConnectorBodies.Restore(given, """{"secret": "s-1", "token": "t-1", "page": 1}"""));
}

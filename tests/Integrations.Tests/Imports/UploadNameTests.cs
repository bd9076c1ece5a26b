using Integrations.Imports.Jobs;

namespace Integrations.Tests.Imports;

public sealed class UploadNameTests
{
    [Theory]
    [InlineData("invoice\u202Egpj.exe", "invoice\uFFFDgpj.exe")]
    [InlineData("\u2066report\u2069.csv", "\uFFFDreport\uFFFD.csv")]
    [InlineData("a\u200Fb\u061Cc.csv", "a\uFFFDb\uFFFDc.csv")]
    public void Clean_ReplacesBidirectionalControls_SoTheNameShowsAsSent(string sent, string listed) =>
        Assert.Equal(listed, UploadName.Clean(sent));

    [Fact]
    public void Clean_KeepsRightToLeftText_AndJoinedEmoji()
    {
        const string name = "\u05D3\u05D5\u05D7 \U0001F469\u200D\U0001F4BB.csv";

        Assert.Equal(name, UploadName.Clean(name));
    }
}

using Integrations.Crm.Activities;

namespace Integrations.Tests.Crm;

public sealed class HtmlTextTests
{
    [Theory]
    [InlineData("<p>Hi&nbsp;Ada,</p><p>See <b>this</b> &amp; that.</p>", "Hi Ada,\n\nSee this & that.")]
    [InlineData("<div>one</div><div>two</div>\n  <div><div>three</div></div>", "one\ntwo\nthree")]
    [InlineData("line one<br>line two<br/><br>", "line one\nline two")]
    [InlineData("<ul><li>milk</li><li>eggs</li></ul>after", "• milk\n• eggs\n\nafter")]
    [InlineData("<head><title>T</title><style>p{color:red}</style></head><body>text<script>alert(1)</script></body>", "text")]
    [InlineData("Read <a href=\"https://example.com/x\">more</a>.", "Read more <https://example.com/x>.")]
    [InlineData("<a href=\"https://example.com\">https://example.com</a>", "https://example.com")]
    [InlineData("<a href=\"javascript:alert(1)\">click</a>", "click")]
    [InlineData("<img alt=\"Logo\" src=\"x.png\"> unclosed <b>bold", "Logo unclosed bold")]
    [InlineData("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\nc")]
    [InlineData("plain   text\n\n\n\nwith   gaps", "plain text with gaps")]
    public void Reduce_GivesReadableText(string html, string text) => Assert.Equal(text, HtmlText.Reduce(html));

    [Fact]
    public void Reduce_SurvivesDeepNesting()
    {
        var html = string.Concat(Enumerable.Repeat("<div><span>", 20_000)) + "deep";

        Assert.Equal("deep", HtmlText.Reduce(html));
    }
}

using Integrations.Crm.Pipeline;

namespace Integrations.Tests.Crm;

public sealed class NumberTextTests
{
    [Theory]
    [InlineData("12.5", '.', "12.5")]
    [InlineData("12,5", '.', "12.5")]
    [InlineData("12,5", ',', "12.5")]
    [InlineData("1,234.56", '.', "1234.56")]
    [InlineData("1.234,56", '.', "1234.56")]
    [InlineData("1,234,567", '.', "1234567")]
    [InlineData("1.234.567", ',', "1234567")]
    [InlineData("1 234,56", ',', "1234.56")]
    [InlineData("1\u00A0234,56", ',', "1234.56")]
    [InlineData("1'234.50", '.', "1234.50")]
    [InlineData("-3", '.', "-3")]
    [InlineData("+3", '.', "3")]
    [InlineData(".5", '.', "0.5")]
    [InlineData("-,5", ',', "-0.5")]
    [InlineData("1e3", '.', "1000")]
    [InlineData(" 42 ", '.', "42")]
    // One mark before exactly three digits: the source's decimal mark decides.
    [InlineData("1,500", '.', "1500")]
    [InlineData("1,500", ',', "1.5")]
    [InlineData("1.500", '.', "1.5")]
    [InlineData("1.500", ',', "1500")]
    [InlineData("0,500", '.', "0.5")]
    [InlineData("0.500", ',', "0.5")]
    [InlineData(",500", '.', "0.5")]
    public void TryParse_ReadsEitherConvention(string text, char mark, string expected)
    {
        Assert.True(NumberText.TryParse(text, mark, out var value));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("12,34,567")]
    [InlineData("1,5,6")]
    [InlineData("1,000.5,3")]
    [InlineData("1.234.5,6")]
    [InlineData("12.5.6,7")]
    [InlineData("1,2345.6")]
    [InlineData("1 23")]
    [InlineData("12abc")]
    [InlineData("5-")]
    [InlineData("$5")]
    [InlineData("12.5e")]
    public void TryParse_RefusesTextThatFitsNoConvention(string text) =>
        Assert.False(NumberText.TryParse(text, '.', out _));

    [Fact]
    public void TryParse_RefusesOverlongText_WithoutOverflowingTheStack() =>
        Assert.False(NumberText.TryParse(new string('1', 1_000_000), '.', out _));

    [Theory]
    [InlineData("1.234,5", ',', "1234.5")]
    [InlineData("not a number", ',', "not a number")]
    public void Invariant_RewritesAmounts_AndLeavesOtherTextAsWritten(string text, char mark, string expected) =>
        Assert.Equal(expected, NumberText.Invariant(text, mark));
}

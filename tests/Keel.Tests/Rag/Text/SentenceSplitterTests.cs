namespace Keel.Tests.Rag.Text;

public sealed class SentenceSplitterTests
{
    private static string[] Split(string text) =>
        [.. SentenceSplitter.Split(text, 0, text.Length).Select(r => text[r])];

    [Fact]
    public void Split_TwoSentences_ReturnsBoth() =>
        Assert.Equal(["Refunds take 5 days.", "Contact support if not."], Split("Refunds take 5 days. Contact support if not."));

    [Fact]
    public void Split_AbbreviationsAndDecimals_StayWhole() =>
        Assert.Equal(["Dr. Smith paid 3.5 dollars, e.g. by card.", "Done!"], Split("Dr. Smith paid 3.5 dollars, e.g. by card. Done!"));

    [Fact]
    public void Split_BlankLinesAndListItems_EndSentences() =>
        Assert.Equal(["Intro", "- Step one", "- Step two", "2. Step three", "Outro"], Split("Intro\n- Step one\n- Step two\n2. Step three\n\nOutro"));

    [Fact]
    public void Split_WrappedLine_ContinuesTheSentence() =>
        Assert.Equal(["The customer receives a Service Credit of\n25% of the monthly fee.", "Next."], Split("The customer receives a Service Credit of\n25% of the monthly fee. Next."));

    [Fact]
    public void Split_LowercaseAfterPeriod_DoesNotSplit() =>
        Assert.Equal(["Version 2.4. and later support it."], Split("Version 2.4. and later support it."));

    [Fact]
    public void Split_QuoteAfterPunctuation_StaysWithSentence() =>
        Assert.Equal(["He said \"stop.\"", "Then left."], Split("He said \"stop.\" Then left."));

    [Fact]
    public void Split_Range_OffsetsPointIntoOriginalText()
    {
        const string text = "xx First one. Second one. yy";
        var ranges = SentenceSplitter.Split(text, 3, 25);

        Assert.Equal(["First one.", "Second one."], ranges.Select(r => text[r]));
        Assert.Equal(3, ranges[0].Start.Value);
    }

    [Fact]
    public void Split_WhitespaceOnly_ReturnsNothing() => Assert.Empty(Split("   \n  "));
}

namespace Keel.Tests.Prompts;

public sealed class PromptVersionTests
{
    [Fact]
    public void Version_LineEndingsBomAndFinalNewlines_DoNotChangeIt()
    {
        const string text = "---\nname: a\n---\n# user\nHello\n";

        var version = Version(text);

        Assert.Equal(version, Version(text.Replace("\n", "\r\n", StringComparison.Ordinal)));
        Assert.Equal(version, Version("\uFEFF" + text));
        Assert.Equal(version, Version(text.TrimEnd('\n')));
        Assert.Equal(version, Version(text + "\n\n"));
        Assert.Equal(PromptVersion.Length, version.Length);
        Assert.True(version.All(char.IsAsciiHexDigitLower));
    }

    [Fact]
    public void Version_AnyContentChange_ChangesIt()
    {
        Assert.NotEqual(Version("# user\nHello\n"), Version("# user\nHello!\n"));
        Assert.NotEqual(Version("# user\nHello\n"), Version("# user\n Hello\n"));
    }

    [Fact]
    public void Version_IsTheShortSha256OfTheNormalisedText()
    {
        // Computed independently: printf '# user\nHello\n' | sha256sum
        Assert.Equal("e951a926e005", Version("# user\r\nHello"));
    }

    private static string Version(string text) => PromptParser.Parse(text, "a.prompt.md", "a").Version;
}

namespace Keel.Tests;

public sealed class MarkdownLoaderTests
{
    private readonly MarkdownLoader _loader = new();

    [Fact]
    public void Load_Headings_BuildHeadingPathIncludingTheHeadingItself()
    {
        const string markdown = """
            # Guide

            Intro.

            ## Install

            Run the installer.

            ### Linux

            Use apt.

            ## Configure

            Edit the file.
            """;

        var document = LoaderInput.Load(_loader, markdown, "guide.md");

        Assert.Equal(["Guide", "Intro.", "Install", "Run the installer.", "Linux", "Use apt.", "Configure", "Edit the file."], document.BlockTexts());
        Assert.Equal(["Guide"], document.BlockWithText("Guide").HeadingPath);
        Assert.Equal(["Guide"], document.BlockWithText("Intro.").HeadingPath);
        Assert.Equal(["Guide", "Install"], document.BlockWithText("Install").HeadingPath);
        Assert.Equal(["Guide", "Install", "Linux"], document.BlockWithText("Use apt.").HeadingPath);
        Assert.Equal(["Guide", "Configure"], document.BlockWithText("Edit the file.").HeadingPath);
        Assert.All(document.Blocks, block => Assert.Null(block.Page));
    }

    [Fact]
    public void Load_InlineMarkup_IsStripped()
    {
        const string markdown = "Use **bold**, _emphasis_, ~~gone~~ and `dotnet run` with [the docs](https://example.com) "
            + "or <https://keel.dev>. ![badge](b.svg) Fish &amp; chips.\nSoft break.";

        var document = LoaderInput.Load(_loader, markdown, "a.md");

        Assert.Equal(
            "Use bold, emphasis, gone and dotnet run with the docs or https://keel.dev. Fish & chips. Soft break.",
            document.Text);
    }

    [Fact]
    public void Load_HardLineBreak_KeepsLineInsideBlock()
    {
        var document = LoaderInput.Load(_loader, "Line one  \nLine two\\\nLine three", "a.md");

        Assert.Equal(["Line one\nLine two\nLine three"], document.BlockTexts());
    }

    [Fact]
    public void Load_FrontMatter_IsIgnored()
    {
        const string markdown = """
            ---
            title: Secret metadata
            tags: [a, b]
            ---
            # Real title

            Body.
            """;

        var document = LoaderInput.Load(_loader, markdown, "post.md");

        Assert.Equal(["Real title", "Body."], document.BlockTexts());
        Assert.DoesNotContain("metadata", document.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Lists_OneBlockPerItemWithMarkers()
    {
        const string markdown = """
            - First *item*
            - Second item
              continues here
              - Nested item

            3. Third step
            4. Fourth step

            - [x] Done task
            - [ ] Open task
            """;

        var document = LoaderInput.Load(_loader, markdown, "list.md");

        Assert.Equal(
            [
                "- First item",
                "- Second item continues here",
                "- Nested item",
                "3. Third step",
                "4. Fourth step",
                "- [x] Done task",
                "- [ ] Open task",
            ],
            document.BlockTexts());
    }

    [Fact]
    public void Load_CodeBlocks_KeptAsOneBlockWithLines()
    {
        const string markdown = """
            Before.

            ```csharp
            var x = 1;

                if (x > 0) { Run(); }
            ```

                indented code
                second line

            After.
            """;

        var document = LoaderInput.Load(_loader, markdown, "code.md");

        Assert.Equal(
            ["Before.", "var x = 1;\n    if (x > 0) { Run(); }", "indented code\nsecond line", "After."],
            document.BlockTexts());
    }

    [Fact]
    public void Load_PipeTable_OneBlockPerRowWithHeaderPreamble()
    {
        const string markdown = """
            ## Limits

            | Plan | Requests | Notes |
            |------|---------:|-------|
            | Free | 100 | *trial* only |
            | Pro | 10000 | |
            """;

        var document = LoaderInput.Load(_loader, markdown, "plans.md");

        Assert.Equal(["Limits", "Plan: Free; Requests: 100; Notes: trial only", "Plan: Pro; Requests: 10000"], document.BlockTexts());
        var row = document.BlockWithText("Plan: Pro; Requests: 10000");
        Assert.Equal("Plan | Requests | Notes", row.Preamble);
        Assert.Equal(["Limits"], row.HeadingPath);
    }

    [Fact]
    public void Load_QuoteAndRawHtml_KeepText()
    {
        const string markdown = """
            > Quoted *advice*.

            <details>
            <summary>More</summary>
            <p>Hidden detail.</p>
            <script>alert(1)</script>
            </details>

            <!-- a comment -->
            """;

        var document = LoaderInput.Load(_loader, markdown, "q.md");

        Assert.Equal(["Quoted advice.", "More", "Hidden detail."], document.BlockTexts());
    }

    [Fact]
    public void Load_SetextHeadings_AreHeadings()
    {
        var document = LoaderInput.Load(_loader, "Title\n=====\n\nSection\n-------\n\nText.", "s.md");

        Assert.Equal(["Title", "Section"], document.BlockWithText("Text.").HeadingPath);
    }

    [Fact]
    public void Load_BinaryContent_Throws()
    {
        var error = Assert.Throws<DocumentLoadException>(() => LoaderInput.Load(_loader, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00], "img.md"));

        Assert.Contains("img.md", error.Message, StringComparison.Ordinal);
    }
}

namespace Keel.Tests;

/// <summary>Checks the span contract every loader must keep, whatever the format.</summary>
internal static class LoadedDocumentAssert
{
    public static void SpansAreValid(LoadedDocument document)
    {
        Assert.NotNull(document.Text);
        Assert.NotNull(document.Blocks);
        if (document.Blocks.Count == 0)
        {
            Assert.Equal(string.Empty, document.Text);
            return;
        }

        var previousEnd = 0;
        for (var i = 0; i < document.Blocks.Count; i++)
        {
            var block = document.Blocks[i];
            Assert.InRange(block.Start, previousEnd, document.Text.Length);
            Assert.InRange(block.End, block.Start + 1, document.Text.Length);
            Assert.Equal(i == 0 ? string.Empty : "\n\n", document.Text[previousEnd..block.Start]);

            var text = document.Text[block.Start..block.End];
            Assert.Equal(text.Trim(), text);
            Assert.DoesNotContain("\n\n", text, StringComparison.Ordinal);
            Assert.DoesNotContain('\r', text);

            Assert.NotNull(block.HeadingPath);
            Assert.All(block.HeadingPath, heading => Assert.True(heading.Length > 0 && heading == heading.Trim(), $"Bad heading '{heading}'."));
            Assert.True(block.Page is null or >= 1, $"Page {block.Page} is not 1-based.");
            previousEnd = block.End;
        }

        Assert.Equal(document.Text.Length, previousEnd);
    }

    public static string[] BlockTexts(this LoadedDocument document) =>
        document.Blocks.Select(block => document.Text[block.Start..block.End]).ToArray();

    public static DocumentBlock BlockWithText(this LoadedDocument document, string text) =>
        Assert.Single(document.Blocks, block => document.Text[block.Start..block.End] == text);
}

using System.Text;

namespace Keel.Tests;

public sealed class HtmlLoaderTests
{
    private readonly HtmlLoader _loader = new();

    [Fact]
    public void Load_Page_KeepsMainContentAndDropsChrome()
    {
        const string html = """
            <!DOCTYPE html>
            <html>
            <head><title>Site title</title><style>body { color: red; }</style><script>var tracking = 1;</script></head>
            <body>
              <header><a href="/">Logo header</a></header>
              <nav><ul><li>Home nav</li><li>About nav</li></ul></nav>
              <main>
                <h1>Getting started</h1>
                <p>Keel   loads
                   documents.</p>
                <h2>Install</h2>
                <p>Run <code>dotnet add package Keel</code>.</p>
                <form><label>Newsletter form</label><input name="e"></form>
                <noscript>Enable noscript</noscript>
              </main>
              <aside>Related aside</aside>
              <footer>Copyright footer</footer>
              <script>console.log("inline script")</script>
            </body>
            </html>
            """;

        var document = LoaderInput.Load(_loader, html, "site/index.html");

        Assert.Equal(["Getting started", "Keel loads documents.", "Install", "Run dotnet add package Keel."], document.BlockTexts());
        Assert.Equal(["Getting started", "Install"], document.BlockWithText("Run dotnet add package Keel.").HeadingPath);
        foreach (var noise in (string[])["header", "nav", "aside", "footer", "script", "tracking", "color", "form", "noscript", "Site title"])
        {
            Assert.DoesNotContain(noise, document.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Load_NoMain_UsesBodyWithoutBoilerplate()
    {
        const string html = """
            <body>
              <header>Site header</header>
              <nav>Site nav</nav>
              <div role="navigation">Menu</div>
              <div class="content">
                <h1>Title</h1>Loose text<div>Inner div</div>
                <script>var secret = "script";</script><style>.x { color: red }</style><noscript>noscript</noscript>
                <aside>Sidebar aside</aside>
                <form><p>Subscribe form</p><button>Send button</button></form>
                <template><p>Template</p></template>
                <svg><text>Svg text</text></svg>
              </div>
              <div hidden>Invisible</div>
              <footer>Site footer</footer>
            </body>
            """;

        var document = LoaderInput.Load(_loader, html, "a.html");

        Assert.Equal(["Title", "Loose text", "Inner div"], document.BlockTexts());
    }

    [Fact]
    public void Load_FormWrappingWholePage_IsKept()
    {
        const string html = """
            <body><form id="aspnetForm"><h1>Intranet</h1><p>Holiday policy text that is the page.</p>
            <p>More of the policy.</p><input type="submit" value="Go"></form></body>
            """;

        var document = LoaderInput.Load(_loader, html, "default.aspx.html");

        Assert.Equal(["Intranet", "Holiday policy text that is the page.", "More of the policy."], document.BlockTexts());
    }

    [Fact]
    public void Load_NoH1_UsesTitleAsTopHeading()
    {
        const string html = "<title> Release   notes </title><h2>v1.0</h2><p>First release.</p>";

        var document = LoaderInput.Load(_loader, html, "notes.htm");

        Assert.Equal(["Release notes", "v1.0", "First release."], document.BlockTexts());
        Assert.Equal(["Release notes", "v1.0"], document.BlockWithText("First release.").HeadingPath);
    }

    [Fact]
    public void Load_WithH1_IgnoresTitle()
    {
        var document = LoaderInput.Load(_loader, "<title>Tab title</title><h1>Page</h1><p>Text.</p>", "a.html");

        Assert.Equal(["Page", "Text."], document.BlockTexts());
    }

    [Fact]
    public void Load_ArticleHeader_KeepsArticleTitle()
    {
        const string html = """
            <body><header>Site banner</header>
            <article><header><h1>Post title</h1><p>By Ann</p></header><p>Post body.</p><footer>Tags: x</footer></article>
            </body>
            """;

        var document = LoaderInput.Load(_loader, html, "post.html");

        Assert.Equal(["Post title", "By Ann", "Post body."], document.BlockTexts());
    }

    [Fact]
    public void Load_EntitiesAndLineBreaks_DecodedAndKept()
    {
        var document = LoaderInput.Load(_loader, "<p>Fish &amp; chips&nbsp;&mdash; &eacute;t&eacute;<br>Second line</p>", "a.html");

        Assert.Equal(["Fish & chips — été\nSecond line"], document.BlockTexts());
    }

    [Fact]
    public void Load_ListsPreBlockquoteAndDefinitions_BecomeBlocks()
    {
        const string html = """
            <ul><li>Apples</li><li><p>Pears</p><ol start="2"><li>Nested two</li><li>Nested three</li></ol></li></ul>
            <pre>line 1
              line 2</pre>
            <blockquote><p>Quoted.</p></blockquote>
            <dl><dt>Term</dt><dd>Definition</dd></dl>
            """;

        var document = LoaderInput.Load(_loader, html, "a.html");

        Assert.Equal(
            ["- Apples", "- Pears", "2. Nested two", "3. Nested three", "line 1\n  line 2", "Quoted.", "Term", "Definition"],
            document.BlockTexts());
    }

    [Fact]
    public void Load_Table_OneBlockPerRowWithHeaderPreamble()
    {
        const string html = """
            <table>
              <caption>Prices</caption>
              <thead><tr><th>Plan</th><th>Price</th></tr></thead>
              <tbody>
                <tr><td>Free</td><td>$0</td></tr>
                <tr><td>Pro<br>annual</td><td>$10</td></tr>
              </tbody>
            </table>
            <table><tr><th>Key</th><td>Value</td></tr></table>
            """;

        var document = LoaderInput.Load(_loader, html, "a.html");

        Assert.Equal(["Prices", "Plan: Free; Price: $0", "Plan: Pro annual; Price: $10", "Key | Value"], document.BlockTexts());
        Assert.Equal("Plan | Price", document.BlockWithText("Plan: Free; Price: $0").Preamble);
        Assert.Null(document.BlockWithText("Key | Value").Preamble);
    }

    [Fact]
    public void Load_MetaCharset_DecodesLegacyEncoding()
    {
        var bytes = Encoding.Latin1.GetBytes("<meta charset=\"windows-1252\"><h1>Caf\u00e9</h1><p>na\u00efve</p>");

        var document = LoaderInput.Load(_loader, bytes, "old.html");

        Assert.Equal(["Café", "naïve"], document.BlockTexts());
    }

    [Fact]
    public void Load_BinaryContent_Throws()
    {
        var error = Assert.Throws<DocumentLoadException>(() => LoaderInput.Load(_loader, [0x3C, 0x68, 0x00, 0x01], "bin.html"));

        Assert.Contains("bin.html", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EmptyPage_ReturnsEmptyDocument()
    {
        var document = LoaderInput.Load(_loader, "<html><body>  <script>x()</script> </body></html>", "empty.html");

        Assert.Empty(document.Blocks);
    }
}

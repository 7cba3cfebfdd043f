using AngleSharp.Dom;

namespace Keel;

/// <summary>Finds the part of an HTML page that holds its content and strips page furniture from it.</summary>
internal static class HtmlMainContent
{
    // Chrome around the content, code, and widgets whose text is noise for retrieval.
    private const string AlwaysDropped =
        "script, style, noscript, nav, aside, footer, template, svg, iframe, object, embed, canvas, button, select, "
        + "textarea, [hidden], [aria-hidden=true], [role=navigation], [role=banner], [role=contentinfo], "
        + "[role=complementary], [role=search]";

    /// <summary>Picks <c>&lt;main&gt;</c>, then <c>[role=main]</c>, then a single <c>&lt;article&gt;</c> when they hold
    /// text, else the body.</summary>
    public static IElement SelectRoot(IDocument document)
    {
        var body = document.Body ?? document.DocumentElement;
        foreach (var selector in (ReadOnlySpan<string>)["main", "[role=main]"])
        {
            if (body.QuerySelector(selector) is { } candidate && HasText(candidate))
            {
                return candidate;
            }
        }

        var articles = body.QuerySelectorAll("article");
        return articles.Length == 1 && HasText(articles[0]) ? articles[0] : body;
    }

    /// <summary>Removes script, style, navigation, asides, footers and similar from <paramref name="root"/>.</summary>
    /// <remarks>A <c>&lt;header&gt;</c> inside <c>&lt;article&gt;</c> or <c>&lt;main&gt;</c> stays: it holds the
    /// article's own title. A <c>&lt;form&gt;</c> goes unless it wraps most of the page's text, as ASP.NET Web Forms
    /// pages do.</remarks>
    public static void RemoveBoilerplate(IElement root)
    {
        foreach (var element in root.QuerySelectorAll(AlwaysDropped).ToList())
        {
            element.Remove();
        }

        foreach (var header in root.QuerySelectorAll("header").ToList())
        {
            if (header.Closest("article, main") is null)
            {
                header.Remove();
            }
        }

        var rootLength = TextLength(root);
        foreach (var form in root.QuerySelectorAll("form").ToList())
        {
            if (TextLength(form) * 2 <= rootLength)
            {
                form.Remove();
            }
        }
    }

    private static bool HasText(IElement element) => !string.IsNullOrWhiteSpace(element.TextContent);

    private static int TextLength(IElement element) => BlockText.CollapseWhitespace(element.TextContent).Length;
}

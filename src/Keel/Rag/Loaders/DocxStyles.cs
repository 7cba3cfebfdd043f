using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Keel;

/// <summary>Resolves what a Word paragraph style means: heading level and inherited list numbering.</summary>
/// <remarks>Word names built-in styles in English in styles.xml (<c>heading 1</c>, <c>Title</c>) whatever the UI
/// language, while style ids are localised (<c>berschrift1</c>), so names are matched first, then outline
/// levels, then ids (for documents without a styles part). Styles inherit through <c>basedOn</c>.</remarks>
internal sealed partial class DocxStyles
{
    private const int MaxInheritanceDepth = 16;
    private const int TitleLevel = 0;
    private const int BodyTextOutlineLevel = 9;

    private readonly Dictionary<string, Style> _styles = new(StringComparer.Ordinal);

    public DocxStyles(MainDocumentPart mainPart)
    {
        var styles = mainPart.StyleDefinitionsPart?.Styles?.Elements<Style>() ?? [];
        foreach (var style in styles)
        {
            if (style.StyleId?.Value is { } id)
            {
                _styles.TryAdd(id, style);
            }
        }
    }

    /// <summary>The heading level of a paragraph: 0 for a title, 1–9 for headings, null for body text.</summary>
    public int? HeadingLevel(Paragraph paragraph)
    {
        var properties = paragraph.ParagraphProperties;
        if (properties?.OutlineLevel?.Val?.Value is { } outline)
        {
            return outline < BodyTextOutlineLevel ? outline + 1 : null;
        }

        var styleId = properties?.ParagraphStyleId?.Val?.Value;
        foreach (var style in Chain(styleId))
        {
            if (LevelFromName(style.StyleName?.Val?.Value) is { } level)
            {
                return level;
            }

            if (style.StyleParagraphProperties?.OutlineLevel?.Val?.Value is { } styleOutline)
            {
                return styleOutline < BodyTextOutlineLevel ? styleOutline + 1 : null;
            }
        }

        return _styles.ContainsKey(styleId ?? string.Empty) ? null : LevelFromName(styleId);
    }

    /// <summary>The numbering of a paragraph, from its own properties or its style.</summary>
    public NumberingProperties? Numbering(Paragraph paragraph) =>
        paragraph.ParagraphProperties?.NumberingProperties
        ?? Chain(paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value)
            .Select(style => style.StyleParagraphProperties?.NumberingProperties)
            .FirstOrDefault(numbering => numbering is not null);

    private static int? LevelFromName(string? name)
    {
        if (name is null)
        {
            return null;
        }

        if (name.Equals("Title", StringComparison.OrdinalIgnoreCase))
        {
            return TitleLevel;
        }

        var match = HeadingName().Match(name);
        return match.Success ? match.Groups[1].Value[0] - '0' : null;
    }

    private IEnumerable<Style> Chain(string? styleId)
    {
        for (var depth = 0; styleId is not null && depth < MaxInheritanceDepth; depth++)
        {
            if (!_styles.TryGetValue(styleId, out var style))
            {
                yield break;
            }

            yield return style;
            styleId = style.BasedOn?.Val?.Value;
        }
    }

    [GeneratedRegex(@"^heading\s*([1-9])$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeadingName();
}

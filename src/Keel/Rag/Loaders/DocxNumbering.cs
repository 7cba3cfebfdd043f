using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Keel;

/// <summary>Turns Word list numbering into a text marker: <c>- </c> for bullets, <c>N. </c> for numbered items.</summary>
/// <remarks>Numbered formats (decimal, letters, roman) are all rendered as decimal numbers counted per list and
/// level; a deeper level restarts when a shallower one advances.</remarks>
internal sealed class DocxNumbering(MainDocumentPart mainPart)
{
    private const string Bullet = "- ";

    private readonly Numbering? _numbering = mainPart.NumberingDefinitionsPart?.Numbering;
    private readonly Dictionary<(int NumberingId, int Level), int> _counters = [];

    /// <summary>The marker for the next paragraph with these numbering properties, or null when it is not a list item.</summary>
    public string? NextMarker(NumberingProperties? properties)
    {
        if (properties?.NumberingId?.Val?.Value is not { } numberingId || numberingId == 0)
        {
            return null;
        }

        var levelIndex = properties.NumberingLevelReference?.Val?.Value ?? 0;
        var level = FindLevel(numberingId, levelIndex);
        var format = level?.NumberingFormat?.Val?.Value;
        if (level is null || format == NumberFormatValues.Bullet)
        {
            return Bullet;
        }

        if (format == NumberFormatValues.None)
        {
            return null;
        }

        foreach (var key in _counters.Keys.Where(key => key.NumberingId == numberingId && key.Level > levelIndex).ToList())
        {
            _counters.Remove(key);
        }

        var start = level.StartNumberingValue?.Val?.Value ?? 1;
        var number = _counters.TryGetValue((numberingId, levelIndex), out var previous) ? previous + 1 : start;
        _counters[(numberingId, levelIndex)] = number;
        return $"{number}. ";
    }

    private Level? FindLevel(int numberingId, int levelIndex)
    {
        var instance = _numbering?.Elements<NumberingInstance>().FirstOrDefault(n => n.NumberID?.Value == numberingId);
        var abstractId = instance?.AbstractNumId?.Val?.Value;
        var abstractNumbering = _numbering?.Elements<AbstractNum>().FirstOrDefault(a => a.AbstractNumberId?.Value == abstractId);
        return abstractNumbering?.Elements<Level>().FirstOrDefault(l => l.LevelIndex?.Value == levelIndex);
    }
}

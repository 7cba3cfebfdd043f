namespace Keel.Simulator;

/// <summary>Splits text into stream deltas: one word with its trailing whitespace each, like a tokenizer would roughly.</summary>
internal static class TextPieces
{
    public static IReadOnlyList<string> Split(string text)
    {
        var pieces = new List<string>();
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            pieces.Add(text[start..i]);
            start = i;
        }

        return pieces;
    }

    public static IReadOnlyList<string> SplitJson(string json, int parts = 3)
    {
        var size = Math.Max(1, (json.Length + parts - 1) / parts);
        var pieces = new List<string>();
        for (var start = 0; start < json.Length; start += size)
        {
            pieces.Add(json.Substring(start, Math.Min(size, json.Length - start)));
        }

        return pieces;
    }
}

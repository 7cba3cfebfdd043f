using System.Text;

namespace Keel;

/// <summary>The prompt texts of a structured call: the schema instruction and the re-ask that names each error.</summary>
internal static class StructuredReask
{
    public static string Instruction(string rendering) =>
        "Answer with JSON only, no prose, in this shape (a ? marks a property you may leave out):\n" + rendering;

    /// <summary>One line per error: its JSON path, what was expected and what was received.</summary>
    public static string Message(IReadOnlyList<StructuredDiagnostic> errors)
    {
        var text = new StringBuilder("Your answer does not fit the schema:\n");
        foreach (var error in errors)
        {
            text.Append("- ").Append(error.Path).Append(": ").Append(error.Message);
            if (error.Before is { } received)
            {
                text.Append("; received ").Append(received);
            }

            text.Append('\n');
        }

        return text.Append("Answer again with the whole corrected JSON value only.").ToString();
    }
}

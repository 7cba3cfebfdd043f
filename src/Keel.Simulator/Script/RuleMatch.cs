using System.Text.RegularExpressions;

namespace Keel.Simulator;

/// <summary>The conditions of a rule; every one given must hold, none given matches everything.</summary>
internal sealed record RuleMatch(string? Model = null, string? Contains = null, Regex? Regex = null, SimProvider? Provider = null)
{
    public bool IsMatch(ChatRequest request)
    {
        if (Model is not null && !string.Equals(Model, request.Model, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (Provider is not null && Provider != request.Provider)
        {
            return false;
        }

        if (Contains is not null && !request.LastUserText.Contains(Contains, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return Regex is null || Regex.IsMatch(request.LastUserText);
    }
}

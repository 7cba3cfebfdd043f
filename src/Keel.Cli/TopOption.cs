using System.CommandLine;

namespace Keel.Cli;

/// <summary>The <c>--top/-k</c> option of the commands that rank, validated at parse time (a usage error, exit 2).</summary>
internal static class TopOption
{
    public static Option<int?> Create(string description)
    {
        var option = new Option<int?>("--top", "-k") { Description = description };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
            {
                result.AddError("--top must be at least 1.");
            }
        });
        return option;
    }
}

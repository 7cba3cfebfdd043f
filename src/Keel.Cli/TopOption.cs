using System.CommandLine;

namespace Keel.Cli;

/// <summary>The <c>--top/-k</c> option of the commands that rank, validated at parse time (a usage error, exit 2).</summary>
internal static class TopOption
{
    public static Option<int?> Create(string description) => new Option<int?>("--top", "-k") { Description = description }.InRange(1);
}

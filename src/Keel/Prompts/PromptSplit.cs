using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Keel;

/// <summary>A sticky traffic split between a prompt's labels: the label for a key (a user or session id) is drawn by
/// weight from a SHA-256 of the prompt name and the key, so a key keeps its label across calls, processes and machines.</summary>
/// <param name="Arms">Each label and its weight, in ordinal label order (so reordering the file moves no key).</param>
internal sealed record PromptSplit(IReadOnlyList<(string Label, int Weight)> Arms)
{
    public int Total => Arms.Sum(a => a.Weight);

    public string Select(string name, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name + "\n" + key));
        var ticket = BinaryPrimitives.ReadUInt64BigEndian(hash) % (ulong)Total;
        foreach (var (label, weight) in Arms)
        {
            if (ticket < (ulong)weight)
            {
                return label;
            }

            ticket -= (ulong)weight;
        }

        throw new InvalidOperationException("A split with a positive total always selects an arm.");
    }
}

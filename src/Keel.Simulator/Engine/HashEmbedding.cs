using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Keel.Simulator;

/// <summary>Deterministic, L2-normalised vectors from a SHA-256 hash of the text. Equal texts give equal vectors; nothing else is meaningful.</summary>
internal static class HashEmbedding
{
    public static float[] Create(string text, int dimensions)
    {
        var vector = new float[dimensions];
        var textBytes = Encoding.UTF8.GetBytes(text);
        var input = new byte[textBytes.Length + sizeof(int)];
        textBytes.CopyTo(input, 0);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var filled = 0;
        for (var block = 0; filled < dimensions; block++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(input.AsSpan(textBytes.Length), block);
            SHA256.HashData(input, hash);
            for (var offset = 0; offset < hash.Length && filled < dimensions; offset += sizeof(uint))
            {
                var value = BinaryPrimitives.ReadUInt32LittleEndian(hash[offset..]);
                vector[filled++] = (float)((value / (double)uint.MaxValue * 2) - 1);
            }
        }

        var norm = Math.Sqrt(vector.Sum(v => (double)v * v));
        if (norm > 0)
        {
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] = (float)(vector[i] / norm);
            }
        }

        return vector;
    }
}

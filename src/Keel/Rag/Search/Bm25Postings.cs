namespace Keel;

/// <summary>The byte format of one term's postings in one segment: pairs of (gap to the previous local chunk
/// number, term frequency), both as LEB128 variable-length integers.</summary>
/// <remarks>Hand-written because it is a dozen lines and the hot path of every query; gaps keep blobs to about
/// two bytes a posting.</remarks>
internal static class Bm25Postings
{
    public static void Write(List<byte> buffer, int gap, int frequency)
    {
        WriteVarint(buffer, (uint)gap);
        WriteVarint(buffer, (uint)frequency);
    }

    /// <summary>Decodes the next posting at <paramref name="position"/>; returns false at the end.</summary>
    public static bool TryRead(ReadOnlySpan<byte> postings, ref int position, ref int localChunk, out int frequency)
    {
        if (position >= postings.Length)
        {
            frequency = 0;
            return false;
        }

        localChunk += (int)ReadVarint(postings, ref position);
        frequency = (int)ReadVarint(postings, ref position);
        return true;
    }

    public static byte[] EncodeInt32s(ReadOnlySpan<int> values)
    {
        var buffer = new List<byte>(values.Length * 2);
        foreach (var value in values)
        {
            WriteVarint(buffer, (uint)value);
        }

        return [.. buffer];
    }

    public static int[] DecodeInt32s(ReadOnlySpan<byte> bytes, int count)
    {
        var values = new int[count];
        var position = 0;
        for (var i = 0; i < count; i++)
        {
            values[i] = (int)ReadVarint(bytes, ref position);
        }

        return values;
    }

    /// <summary>Ascending ids as gaps, so a segment's id map stays small.</summary>
    public static byte[] EncodeIds(ReadOnlySpan<long> ascendingIds)
    {
        var buffer = new List<byte>(ascendingIds.Length * 2);
        long previous = 0;
        foreach (var id in ascendingIds)
        {
            WriteVarint(buffer, (ulong)(id - previous));
            previous = id;
        }

        return [.. buffer];
    }

    public static long[] DecodeIds(ReadOnlySpan<byte> bytes, int count)
    {
        var ids = new long[count];
        var position = 0;
        long previous = 0;
        for (var i = 0; i < count; i++)
        {
            previous += (long)ReadVarint(bytes, ref position);
            ids[i] = previous;
        }

        return ids;
    }

    private static void WriteVarint(List<byte> buffer, ulong value)
    {
        while (value >= 0x80)
        {
            buffer.Add((byte)(value | 0x80));
            value >>= 7;
        }

        buffer.Add((byte)value);
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong result = 0;
        var shift = 0;
        while (true)
        {
            var b = bytes[position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }

            shift += 7;
        }
    }
}

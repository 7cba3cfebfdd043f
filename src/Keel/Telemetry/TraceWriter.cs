using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Keel;

/// <summary>Writes traces off the hot path: calls enqueue and return at once; one background loop writes batches.</summary>
/// <remarks>Tracing never slows or fails a call: when the queue is full (10,000 records) new records are dropped
/// and counted, and a failed write is logged and counted, never thrown. Dispose flushes what is queued.</remarks>
internal sealed partial class TraceWriter : IAsyncDisposable, IDisposable
{
    private const int MaxBatch = 512;
    private readonly Channel<object> _queue = Channel.CreateBounded<object>(new BoundedChannelOptions(10_000)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private readonly ITraceStore _store;
    private readonly ILogger _logger;
    private readonly Task _loop;
    private long _dropped;
    private long _failed;

    public TraceWriter(ITraceStore store, ILogger<TraceWriter>? logger = null)
    {
        _store = store;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _loop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Records that could not be queued because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Records lost because the store could not be written.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    public void Enqueue(TraceRecord record)
    {
        if (!_queue.Writer.TryWrite(record))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>Completes when everything queued before the call has been written (or failed).</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _queue.Writer.TryWrite(flushed) ? flushed.Task.WaitAsync(cancellationToken) : Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    /// <summary>Flushes synchronously, for hosts that dispose services synchronously.</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _loop.GetAwaiter().GetResult();
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<TraceRecord>(MaxBatch);
        var waiting = new List<TaskCompletionSource>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
            {
                if (item is TraceRecord record)
                {
                    batch.Add(record);
                }
                else
                {
                    waiting.Add((TaskCompletionSource)item);
                    break; // write what came before the flush request, then answer it
                }
            }

            if (batch.Count > 0)
            {
                await WriteAsync(batch);
                batch.Clear();
            }

            waiting.ForEach(w => w.TrySetResult());
            waiting.Clear();
        }
    }

    private async Task WriteAsync(List<TraceRecord> batch)
    {
        try
        {
            await _store.WriteAsync(batch);
        }
#pragma warning disable CA1031 // The writer's one documented boundary: a trace that cannot be stored must not fail anything else.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Interlocked.Add(ref _failed, batch.Count);
            LogWriteFailed(_logger, batch.Count, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store {Count} traces; they are lost.")]
    private static partial void LogWriteFailed(ILogger logger, int count, Exception exception);
}

namespace Keel;

/// <summary>A per-model concurrency limit that halves on a rate limit, pauses for the provider's Retry-After, and
/// grows back by one after each run of successful calls as long as the limit (additive increase, multiplicative decrease).</summary>
internal sealed class AdaptiveLimiter(int maximum, TimeProvider timeProvider)
{
    private readonly int _maximum = maximum;
    private static readonly TimeSpan DefaultPause = TimeSpan.FromSeconds(1);
    private readonly Lock _lock = new();
    private readonly List<TaskCompletionSource> _waiters = [];
    private int _limit = maximum;
    private int _inFlight;
    private int _successes;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    /// <summary>The current limit.</summary>
    public int Limit
    {
        get
        {
            lock (_lock)
            {
                return _limit;
            }
        }
    }

    /// <summary>How many times a rate limit shrank the limit.</summary>
    public int RateLimits { get; private set; }

    public async Task AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan pause;
            TaskCompletionSource waiter;
            lock (_lock)
            {
                pause = _pausedUntil - timeProvider.GetUtcNow();
                if (pause <= TimeSpan.Zero && _inFlight < _limit)
                {
                    _inFlight++;
                    return;
                }

                waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (pause <= TimeSpan.Zero)
                {
                    _waiters.Add(waiter);
                }
            }

            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, timeProvider, cancellationToken);
            }
            else
            {
                await waiter.Task.WaitAsync(cancellationToken);
            }
        }
    }

    /// <summary>Ends a call; <paramref name="rateLimited"/> when the provider answered 429.</summary>
    public void Release(bool rateLimited, TimeSpan? retryAfter = null)
    {
        List<TaskCompletionSource> wake;
        lock (_lock)
        {
            _inFlight--;
            if (rateLimited)
            {
                RateLimits++;
                _limit = Math.Max(1, _limit / 2);
                _successes = 0;
                var until = timeProvider.GetUtcNow() + (retryAfter ?? DefaultPause);
                _pausedUntil = until > _pausedUntil ? until : _pausedUntil;
            }
            else if (++_successes >= _limit && _limit < _maximum)
            {
                _limit++;
                _successes = 0;
            }

            wake = [.. _waiters];
            _waiters.Clear();
        }

        foreach (var waiter in wake)
        {
            waiter.TrySetResult();
        }
    }
}

using System.Threading.RateLimiting;

namespace Keel;

/// <summary>A sliding-log rate limiter: at most <see cref="Limit"/> permits in any window, measured with an injected
/// <see cref="TimeProvider"/>, and correctable after the fact with <see cref="Adjust"/>.</summary>
/// <remarks>The limiters that ship with System.Threading.RateLimiting read the system clock (even with manual
/// replenishment), so neither FakeTimeProvider nor a test can drive them; and their permits cannot be given back,
/// which correcting a token estimate with the provider's actual count needs. Waiters poll at the moment enough permits
/// expire, so the queue is bounded but not strictly first-in first-out.</remarks>
internal sealed class TimeWindowRateLimiter : RateLimiter
{
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(1);

    private readonly Lock _lock = new();
    private readonly LinkedList<(long At, long Amount)> _log = new();
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _window;
    private readonly int _queueLimit;
    private long _used;
    private int _queued;
    private long _lastActivity;
    private long _successful;
    private long _failed;

    public TimeWindowRateLimiter(long limit, TimeSpan window, int queueLimit, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(queueLimit);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Limit = limit;
        _window = window;
        _queueLimit = queueLimit;
        _timeProvider = timeProvider;
        _lastActivity = timeProvider.GetTimestamp();
    }

    public long Limit { get; }

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                var now = _timeProvider.GetTimestamp();
                Purge(now);
                return _used == 0 && _queued == 0 ? _timeProvider.GetElapsedTime(_lastActivity, now) : null;
            }
        }
    }

    public override RateLimiterStatistics GetStatistics()
    {
        lock (_lock)
        {
            Purge(_timeProvider.GetTimestamp());
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = Math.Max(0, Limit - _used),
                CurrentQueuedCount = Volatile.Read(ref _queued),
                TotalSuccessfulLeases = _successful,
                TotalFailedLeases = _failed,
            };
        }
    }

    /// <summary>Records permits used (positive) or given back (negative, taken from the most recent use) after the fact.</summary>
    public void Adjust(long delta)
    {
        lock (_lock)
        {
            var now = _timeProvider.GetTimestamp();
            Purge(now);
            if (delta > 0)
            {
                _log.AddLast((now, delta));
                _used += delta;
                _lastActivity = now;
                return;
            }

            var refund = -delta;
            while (refund > 0 && _log.Last is { } last)
            {
                var take = Math.Min(refund, last.Value.Amount);
                if (take == last.Value.Amount)
                {
                    _log.RemoveLast();
                }
                else
                {
                    last.Value = (last.Value.At, last.Value.Amount - take);
                }

                _used -= take;
                refund -= take;
            }
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, Limit);
        lock (_lock)
        {
            var now = _timeProvider.GetTimestamp();
            Purge(now);
            if (_used + permitCount <= Limit)
            {
                if (permitCount > 0)
                {
                    _log.AddLast((now, permitCount));
                    _used += permitCount;
                    _lastActivity = now;
                }

                _successful++;
                return new TimeWindowLease(true, null);
            }

            _failed++;
            return new TimeWindowLease(false, WaitFor(permitCount, now));
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        var lease = AttemptAcquireCore(permitCount);
        if (lease.IsAcquired)
        {
            return lease;
        }

        if (Interlocked.Increment(ref _queued) > _queueLimit)
        {
            Interlocked.Decrement(ref _queued);
            return lease;
        }

        try
        {
            while (true)
            {
                var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : MinimumWait;
                await Task.Delay(wait, _timeProvider, cancellationToken);
                lease = AttemptAcquireCore(permitCount);
                if (lease.IsAcquired)
                {
                    return lease;
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref _queued);
        }
    }

    private void Purge(long now)
    {
        while (_log.First is { } first && _timeProvider.GetElapsedTime(first.Value.At, now) >= _window)
        {
            _used -= first.Value.Amount;
            _log.RemoveFirst();
        }
    }

    private TimeSpan WaitFor(int permitCount, long now)
    {
        var mustFree = _used + permitCount - Limit;
        long freed = 0;
        foreach (var (at, amount) in _log)
        {
            freed += amount;
            if (freed >= mustFree)
            {
                var wait = _window - _timeProvider.GetElapsedTime(at, now);
                return wait < MinimumWait ? MinimumWait : wait;
            }
        }

        return _window;
    }
}

using System.Threading.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace Keel.Tests.Pipeline;

public sealed class TimeWindowRateLimiterTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void AttemptAcquire_OverLimit_FailsWithRetryAfterWhenOldestPermitsExpire()
    {
        using var limiter = new TimeWindowRateLimiter(10, TimeSpan.FromMinutes(1), 0, _time);

        using var first = limiter.AttemptAcquire(6);
        _time.Advance(TimeSpan.FromSeconds(15));
        using var second = limiter.AttemptAcquire(4);
        using var third = limiter.AttemptAcquire(3);

        Assert.True(first.IsAcquired);
        Assert.True(second.IsAcquired);
        Assert.False(third.IsAcquired);
        Assert.True(third.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(45), retryAfter);
    }

    [Fact]
    public void AttemptAcquire_WindowPassed_PermitsReturn()
    {
        using var limiter = new TimeWindowRateLimiter(10, TimeSpan.FromMinutes(1), 0, _time);
        using var first = limiter.AttemptAcquire(10);

        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(10, limiter.GetStatistics()?.CurrentAvailablePermits);
    }

    [Fact]
    public void Adjust_Negative_GivesBackFromMostRecentUse()
    {
        using var limiter = new TimeWindowRateLimiter(10, TimeSpan.FromMinutes(1), 0, _time);
        using var first = limiter.AttemptAcquire(5);
        _time.Advance(TimeSpan.FromSeconds(30));
        using var second = limiter.AttemptAcquire(5);

        limiter.Adjust(-3);
        _time.Advance(TimeSpan.FromSeconds(30));

        // The first 5 expired; 2 of the second 5 remain, so a give-back never outlives the use it corrects.
        Assert.Equal(8, limiter.GetStatistics()?.CurrentAvailablePermits);
    }

    [Fact]
    public async Task AcquireAsync_QueueFull_FailsAtOnce()
    {
        using var limiter = new TimeWindowRateLimiter(1, TimeSpan.FromMinutes(1), 1, _time);
        using var first = limiter.AttemptAcquire(1);

        var waiting = limiter.AcquireAsync(1).AsTask();
        using var refused = await limiter.AcquireAsync(1);
        _time.Advance(TimeSpan.FromMinutes(1));
        using var granted = await waiting.WaitAsync(PipelineTest.Patience);

        Assert.False(refused.IsAcquired);
        Assert.True(granted.IsAcquired);
    }
}

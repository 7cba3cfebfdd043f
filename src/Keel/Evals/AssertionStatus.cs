namespace Keel;

/// <summary>How one assertion, or one case, ended.</summary>
internal enum AssertionStatus
{
    Pass,
    Fail,

    /// <summary>The check could not be made (transport error, judge verdict that did not parse): never counted as pass or fail.</summary>
    Error,
}

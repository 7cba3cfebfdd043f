namespace Keel;

/// <summary>How one assertion, or one case, ended.</summary>
public enum EvalStatus
{
    /// <summary>The check was made and met.</summary>
    Pass,

    /// <summary>The check was made and not met.</summary>
    Fail,

    /// <summary>The check could not be made (transport error, judge verdict that did not parse): never counted as pass or fail.</summary>
    Error,
}

namespace Keel;

/// <summary>Turns a failure that came after part of a streamed answer reached the caller into
/// <see cref="ModelErrorKind.StreamInterrupted"/>, so nobody retries or switches model behind the caller's back.</summary>
internal static class StreamInterruption
{
    public static ModelCallException From(ModelCallException error)
    {
        if (error.Kind == ModelErrorKind.StreamInterrupted)
        {
            return error;
        }

        var model = error.Model is null ? "the model" : $"model '{error.Model}'";
        return new ModelCallException(
            ModelErrorKind.StreamInterrupted,
            $"The streamed response from {model} was cut after part of it had been delivered ({error.Kind}: {error.Message}). "
            + "It was not retried because the caller already holds the partial answer; call again to get a complete one.",
            error)
        {
            StatusCode = error.StatusCode,
            Model = error.Model,
        };
    }
}

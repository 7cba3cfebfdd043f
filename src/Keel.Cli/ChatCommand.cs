using System.CommandLine;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Keel.Cli;

/// <summary><c>keel chat [-m "message"] [--model NAME]</c>: streaming chat with a configured model; without
/// <c>-m</c>, an interactive session on standard input (an empty line or <c>/exit</c> ends it).</summary>
internal static class ChatCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var message = new Option<string?>("--message", "-m") { Description = "Send one message and print the streamed answer" };
        var model = new Option<string?>("--model") { Description = "A model name from keel.yaml (default: 'default', else the first one)" };
        var system = new Option<string?>("--system") { Description = "A system prompt" };
        var json = new Option<bool>("--json") { Description = "With -m: print JSON (model, text, usage) instead of streaming" };
        var command = new Command("chat", "Chat with a configured model (streaming)") { message, model, system, json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var services = KeelCli.CreateServices(parseResult, environment);
            var config = services.GetRequiredService<KeelConfig>();
            var name = parseResult.GetValue(model) ?? (config.Models.ContainsKey("default") ? "default" : config.Models.Keys.FirstOrDefault());
            if (name is null)
            {
                await environment.Error.WriteLineAsync("error: keel chat needs a language model, and none is configured. The embedded default answers questions about your documents extractively (keel ask), but cannot chat. Add a models: section to keel.yaml (see docs/models.md).");
                return ExitCodes.Error;
            }

            var client = services.GetRequiredService<ModelCatalog>().GetChatClient(name);
            var history = new List<ChatMessage>();
            if (parseResult.GetValue(system) is { } systemPrompt)
            {
                history.Add(new ChatMessage(ChatRole.System, systemPrompt));
            }

            if (parseResult.GetValue(message) is { } single)
            {
                history.Add(new ChatMessage(ChatRole.User, single));
                if (parseResult.GetValue(json))
                {
                    var response = await client.GetResponseAsync(history, cancellationToken: cancellationToken);
                    CliJson.Write(environment.Out, new
                    {
                        Model = name,
                        response.Text,
                        Usage = new { response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount },
                        FinishReason = response.FinishReason?.Value,
                    });
                    return ExitCodes.Success;
                }

                await StreamAsync(environment, client, history, cancellationToken);
                return ExitCodes.Success;
            }

            var input = environment.In ?? TextReader.Null;
            await environment.Error.WriteLineAsync($"Chatting with '{name}'. An empty line or /exit ends the session.");
            while (await input.ReadLineAsync(cancellationToken) is { } line && line.Trim() is { Length: > 0 } text && text != "/exit")
            {
                history.Add(new ChatMessage(ChatRole.User, text));
                history.Add(new ChatMessage(ChatRole.Assistant, await StreamAsync(environment, client, history, cancellationToken)));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Writes the answer as it arrives and returns it whole.</summary>
    private static async Task<string> StreamAsync(CliEnvironment environment, IChatClient client, List<ChatMessage> history, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        try
        {
            await foreach (var update in client.GetStreamingResponseAsync(history, cancellationToken: cancellationToken))
            {
                if (update.Text is { Length: > 0 } chunk)
                {
                    text.Append(chunk);
                    await environment.Out.WriteAsync(chunk);
                    await environment.Out.FlushAsync(cancellationToken);
                }
            }
        }
        finally
        {
            // Also when the stream is cut: the partial answer's line is ended before the error is written.
            if (text.Length > 0)
            {
                await environment.Out.WriteLineAsync();
            }
        }

        return text.ToString();
    }
}

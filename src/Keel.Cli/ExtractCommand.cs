using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Keel.Cli;

/// <summary><c>keel extract --schema FILE [--model NAME]</c>: text on stdin → schema-valid JSON through a model
/// (schema in the request, lenient parse, validation, re-ask).</summary>
internal static class ExtractCommand
{
    private const string Instruction = "Extract the information the schema asks for from the user's text. Use only what the text says; where it says nothing about an optional value, leave it out or use null.";

    public static Command Create(CliEnvironment environment)
    {
        var schemaOption = new Option<string>("--schema", "-s") { Description = "The JSON Schema file the value must satisfy", Required = true };
        var model = new Option<string?>("--model") { Description = "The configured model to use (default: 'default', else the first in keel.yaml)" };
        var reasks = new Option<int>("--reasks") { Description = "How many times to ask again when an answer fails the schema", DefaultValueFactory = _ => 1 }.InRange(0);
        var json = new Option<bool>("--json") { Description = "Print a JSON report (value, repairs, attempts, tokens, cost) instead of the bare value" };
        var schemaMode = new Option<string>("--schema-mode") { Description = "How the model gets the schema: native (response_format json_schema), prompt, or auto (the model's 'structured:' setting in keel.yaml)", DefaultValueFactory = _ => "auto" };
        schemaMode.AcceptOnlyFromAmong("auto", "native", "prompt");
        var command = new Command("extract", "Extract schema-valid JSON from text on stdin with a model (validated, re-asked on errors)") { schemaOption, model, reasks, schemaMode, json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var path = parseResult.GetValue(schemaOption)!;
            var fullPath = Path.GetFullPath(path, environment.WorkingDirectory);
            if (!File.Exists(fullPath))
            {
                await environment.Error.WriteLineAsync($"error: schema file not found: {path}");
                return ExitCodes.Error;
            }

            var schema = await File.ReadAllTextAsync(fullPath, cancellationToken);
            using var services = KeelCli.CreateServices(parseResult, environment);
            var config = services.GetRequiredService<KeelConfig>();
            var name = parseResult.GetValue(model) ?? (config.Models.ContainsKey("default") ? "default" : config.Models.Keys.FirstOrDefault());
            if (name is null)
            {
                await environment.Error.WriteLineAsync("error: keel extract needs a language model, and none is configured. The embedded default answers questions about your documents extractively (keel ask), but cannot extract structured values. Add a models: section to keel.yaml (see docs/models.md), or use keel parse on text a model already wrote.");
                return ExitCodes.Error;
            }

            var text = environment.In is null ? "" : await environment.In.ReadToEndAsync(cancellationToken);
            if (string.IsNullOrWhiteSpace(text))
            {
                await environment.Error.WriteLineAsync("error: no text on stdin; e.g. echo \"Ada, 36, ada@example.com\" | keel extract --schema person.json");
                return ExitCodes.Usage;
            }

            var client = services.GetRequiredService<ModelCatalog>().GetChatClient(name);
            StructuredResponse<System.Text.Json.Nodes.JsonNode> response;
            try
            {
                StructuredSchema.FromJson(schema);
                response = await client.GetStructuredAsync(
                    [new ChatMessage(ChatRole.System, Instruction), new ChatMessage(ChatRole.User, text)],
                    schema,
                    new StructuredOptions
                    {
                        MaxReasks = parseResult.GetValue(reasks),
                        UseNativeSchema = parseResult.GetValue(schemaMode) switch { "native" => true, "prompt" => false, _ => null },
                    },
                    cancellationToken);
            }
            catch (ArgumentException ex)
            {
                await environment.Error.WriteLineAsync($"error: {path} is not a usable JSON Schema: {ex.Message}");
                return ExitCodes.Error;
            }
            catch (StructuredOutputException ex)
            {
                if (parseResult.GetValue(json))
                {
                    CliJson.Write(environment.Out, new { Ok = false, Model = name, Error = ex.Kind, ex.Message, ex.Attempts, Errors = ex.Errors.Select(Describe) });
                }

                await environment.Error.WriteLineAsync($"error ({ex.Kind.ToString().ToLowerInvariant()}): {ex.Message}");
                return ExitCodes.Error;
            }

            if (parseResult.GetValue(json))
            {
                CliJson.Write(environment.Out, new
                {
                    Ok = true,
                    Model = name,
                    response.Value,
                    response.Attempts,
                    Repairs = response.Repairs.Select(Describe),
                    Usage = new { response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount },
                    response.CostUsd,
                });
            }
            else
            {
                await environment.Out.WriteLineAsync(response.Value?.ToJsonString(Indented) ?? "null");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static JsonSerializerOptions Indented { get; } = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static object Describe(StructuredDiagnostic diagnostic) =>
        new { diagnostic.Path, Rule = diagnostic.Rule.ToString(), diagnostic.Message, diagnostic.Before, diagnostic.After };
}

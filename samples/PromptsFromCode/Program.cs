// Render a prompt file and send it, with its output schema, to a model (here the simulator, offline).
// Run from the repository root: dotnet run --project samples/PromptsFromCode
using System.ClientModel;
using Keel;
using Keel.Simulator;
using Microsoft.Extensions.AI;
using OpenAI;

var prompts = PromptLibrary.Load("samples/prompts");

// A bare name with a split key: the lockfile's split (production 90, canary 10) picks the label, stickily.
var prompt = prompts.Render(
    "support-triage",
    new Dictionary<string, object?> { ["ticket"] = "The dashboard shows a blank page since this morning.", ["customer_tier"] = "plus" },
    splitKey: "customer-1042");
Console.WriteLine($"{prompt.Name} {prompt.Version} ({prompt.Label}): {prompt.Messages.Count} messages");

await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions { ScriptPath = "samples/sim/triage.yaml" });
IChatClient model = new OpenAIClient(new ApiKeyCredential("sk-test"), new OpenAIClientOptions { Endpoint = new Uri(sim.BaseUrl, "v1") })
    .GetChatClient("gpt-4o-mini").AsIChatClient();

// prompt.Options carries temperature, max_tokens, tools and the prompt's identity (recorded in Keel's traces).
var verdict = await model.GetStructuredAsync(prompt.Messages, prompt.OutputSchema!.Value, new StructuredOptions { ChatOptions = prompt.Options });
Console.WriteLine(verdict.Value);

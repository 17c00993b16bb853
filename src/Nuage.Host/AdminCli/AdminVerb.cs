using System.CommandLine;
using System.Text.Json;

namespace Nuage.Host.AdminCli;

/// <summary>
/// One `nuage admin NOUN VERB`: its arguments and options, the request it sends, and how its answer prints. Every
/// verb shares the connection options, the output switch, and the error line and exit codes.
/// </summary>
public static class AdminVerb
{
    public static Command Create(
        string name, string description, IEnumerable<Symbol> symbols, AdminTable table,
        Func<ParseResult, AdminClient, CancellationToken, Task<JsonElement?>> run)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(run);
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Option option:
                    command.Options.Add(option);
                    break;
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
            }
        }

        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                var json = AdminConnection.Json(result);
                using var client = AdminConnection.CreateClient(result);
                var answer = await run(result, client, cancellationToken).ConfigureAwait(false);
                AdminOutput.Write(Console.Out, answer, json, table);
                return 0;
            }
            catch (AdminCliException e)
            {
                await Console.Error.WriteLineAsync("nuage admin: " + e.Message).ConfigureAwait(false);
                return e.ExitCode;
            }
        });
        return command;
    }

    public static Argument<string> Name(string what) => new("name") { Description = what };

    public static Option<string> Account() => new("--account", "-a") { Description = "Account name or id", Required = true };

    public static Option<string?> Text(string name, string description) => new(name) { Description = description };

    /// <summary>A document from a file, or from stdin when the path is "-".</summary>
    public static string ReadDocument(string path)
    {
        try
        {
            return path == "-" ? Console.In.ReadToEnd() : File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AdminCliException($"cannot read {path}: {e.Message}");
        }
    }
}

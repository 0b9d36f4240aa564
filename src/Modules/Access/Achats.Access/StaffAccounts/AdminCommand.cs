using Achats.Shared.Access;
using Achats.Shared.Http;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wolverine;

namespace Achats.Access.StaffAccounts;

/// <summary>
/// <c>admin create --email ADDRESS --name "FULL NAME"</c>: creates an administrator, the first one
/// included. The password is read from standard input when it is redirected, else asked twice without
/// echo. There is no default password.
/// </summary>
internal static class AdminCommand
{
    private const string Usage = """
        Utilisation : dotnet run --project src/Host/Achats.Host -- admin create --email ADRESSE --name "NOM COMPLET"
        Le mot de passe (au moins 12 caractères) est lu sur l'entrée standard si elle est redirigée,
        sinon demandé deux fois sans être affiché.
        """;

    public static bool Handles(string[] args) => args is ["admin", ..];

    public static async Task<int> RunAsync(IHost app, string[] args)
    {
        if (args is not ["admin", "create", .. var options] || Option(options, "--email") is not { } email || Option(options, "--name") is not { } name)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var password = ReadPassword();
        if (password is null)
        {
            await Console.Error.WriteLineAsync("Les deux mots de passe saisis diffèrent : aucun compte n'a été créé.");
            return 1;
        }

        await app.StartAsync();
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
            var account = await bus.InvokeAsync<CreatedStaffAccount>(new CreateStaffAccount(email, name, StaffRole.Administrator, null, password));
            Console.WriteLine($"Compte administrateur créé pour {account.Email}.");
            return 0;
        }
        catch (ValidationException invalid)
        {
            await Console.Error.WriteLineAsync("Aucun compte n'a été créé :");
            foreach (var error in invalid.Errors)
            {
                await Console.Error.WriteLineAsync($"  - {error.ErrorMessage}");
            }

            return 1;
        }
        catch (ConflictException conflict)
        {
            await Console.Error.WriteLineAsync($"Aucun compte n'a été créé : {conflict.Message}");
            return 1;
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static string? Option(string[] options, string name)
    {
        var index = Array.IndexOf(options, name);
        return index >= 0 && index + 1 < options.Length ? options[index + 1] : null;
    }

    private static string? ReadPassword()
    {
        if (Console.IsInputRedirected)
        {
            return Console.In.ReadLine() ?? "";
        }

        var first = Prompt("Mot de passe : ");
        var second = Prompt("Confirmez le mot de passe : ");
        return first == second ? first : null;
    }

    private static string Prompt(string label)
    {
        Console.Write(label);
        var password = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                password.Length = Math.Max(0, password.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }

        Console.WriteLine();
        return password.ToString();
    }
}

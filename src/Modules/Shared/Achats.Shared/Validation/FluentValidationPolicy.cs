using FluentValidation;
using FluentValidation.Results;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Configuration;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Achats.Shared.Validation;

/// <summary>
/// The one validation mechanism: every handler first refuses text PostgreSQL cannot store (<see cref="TextRules"/>)
/// in any string of its message, then runs the message's FluentValidation validators, whatever sent the message
/// (HTTP, the UI, another module), and nothing is written when they fail.
/// </summary>
public static class FluentValidationPolicy
{
    /// <summary>
    /// Registers every validator of the assemblies Wolverine searches for handlers, and runs them before
    /// their message's handler. Call it after the modules have added their assemblies.
    /// </summary>
    public static WolverineOptions UseFluentValidation(this WolverineOptions options)
    {
        // Validators hold no state; building one parses its rules, so each is built once, not per message.
        options.Services.AddValidatorsFromAssemblies(options.Assemblies, ServiceLifetime.Singleton, includeInternalTypes: true);
        options.Policies.Add<ValidateMessages>();
        // An invalid message will never become valid by retrying it.
        options.Policies.OnException<ValidationException>().MoveToErrorQueue();
        return options;
    }

    /// <summary>Refuses a message holding text PostgreSQL cannot store, for a message without validators.</summary>
    public static void RefuseUnstorableText<T>(T message)
        where T : notnull
    {
        List<ValidationFailure> failures = [.. TextRules.UnstorableText(message)];
        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }
    }

    /// <summary>Runs every validator of <typeparamref name="T"/> and throws one exception listing all failures.</summary>
    public static async Task ValidateAsync<T>(IEnumerable<IValidator<T>> validators, T message, CancellationToken cancellationToken)
        where T : notnull
    {
        List<ValidationFailure> failures = [.. TextRules.UnstorableText(message)];
        foreach (var validator in validators)
        {
            failures.AddRange((await validator.ValidateAsync(message, cancellationToken)).Errors);
        }

        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }
    }

    private sealed class ValidateMessages : IHandlerPolicy
    {
        public void Apply(IReadOnlyList<HandlerChain> chains, GenerationRules rules, IServiceContainer container)
        {
            foreach (var chain in chains)
            {
                if (!container.HasRegistrationFor(typeof(IValidator<>).MakeGenericType(chain.MessageType)))
                {
                    var refuse = typeof(FluentValidationPolicy).GetMethod(nameof(RefuseUnstorableText))!.MakeGenericMethod(chain.MessageType);
                    chain.Middleware.Add(new MethodCall(typeof(FluentValidationPolicy), refuse));
                    continue;
                }

                var validate = typeof(FluentValidationPolicy).GetMethod(nameof(ValidateAsync))!.MakeGenericMethod(chain.MessageType);
                chain.Middleware.Add(new MethodCall(typeof(FluentValidationPolicy), validate));
            }
        }
    }
}

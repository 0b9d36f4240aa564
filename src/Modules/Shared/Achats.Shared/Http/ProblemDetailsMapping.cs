using System.Text.Json;
using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Achats.Shared.Http;

/// <summary>
/// The one place where failures become RFC 7807 problem details: field errors (400), unreadable or
/// oversized bodies (400, 413), PostgreSQL out of reach (503 with <c>Retry-After</c>), and anything unexpected
/// (500, without internals).
/// </summary>
public static partial class ProblemDetailsMapping
{
    public const string ValidationType = "urn:achats:problem:validation";
    public const string UnreadableRequestType = "urn:achats:problem:unreadable-request";
    public const string ConflictType = "urn:achats:problem:conflict";
    public const string ConcurrencyType = "urn:achats:problem:concurrent-change";
    public const string DatabaseUnavailableType = "urn:achats:problem:database-unavailable";
    public const string NotFoundType = "urn:achats:problem:not-found";
    public const string ForbiddenType = "urn:achats:problem:forbidden";

    /// <summary>What a 503 tells a client to wait, in seconds: PostgreSQL restarting takes seconds, a failover about a minute.</summary>
    public const int RetryAfterSeconds = 30;

    private static readonly Dictionary<int, string> FrenchTitles = new()
    {
        [400] = "Requête invalide",
        [401] = "Authentification requise",
        [403] = "Accès refusé",
        [404] = "Ressource introuvable",
        [405] = "Méthode non autorisée",
        [409] = "Conflit avec l'état actuel",
        [413] = "Requête trop volumineuse",
        [415] = "Type de contenu non pris en charge",
        [422] = "Règle du programme non respectée",
        [429] = "Trop de requêtes",
        [500] = "Erreur interne",
        [503] = "Service indisponible",
    };

    public static IServiceCollection AddAchatsProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            if (problem.Status is { } status && FrenchTitles.TryGetValue(status, out var title)
                && (problem.Title is null || problem.Title == ReasonPhrase(status)))
            {
                problem.Title = title;
            }

            problem.Instance ??= context.HttpContext.Request.Path;
            problem.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ExceptionToProblem>();
        // Minimal APIs answer a malformed body with a bare 400 unless asked to throw; we want the problem details.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>Field errors keyed as the request spells them: <c>RegistrationClosesOn</c> becomes <c>registrationClosesOn</c>.</summary>
    public static IDictionary<string, string[]> FieldErrors(ValidationException exception) =>
        exception.Errors
            .GroupBy(failure => RequestFieldName(failure.PropertyName))
            .ToDictionary(group => group.Key, group => group.Select(failure => failure.ErrorMessage).Distinct().ToArray());

    /// <summary>The problem an expected failure makes (field errors, conflict, rule, not found); null for an unexpected one.</summary>
    public static ProblemDetails? ProblemFor(Exception exception) => exception switch
    {
        ValidationException validation => new HttpValidationProblemDetails(FieldErrors(validation))
        {
            Status = StatusCodes.Status400BadRequest,
            Type = ValidationType,
            Title = "La requête contient des erreurs.",
            Detail = "Corrigez les champs signalés puis renvoyez la requête.",
        },
        // A value of the wrong type (a word for a date, an unknown enum name) is a field error; broken JSON
        // (System.Text.Json then wraps its reader's exception) is not, and stays "unreadable" below.
        BadHttpRequestException { InnerException: JsonException { Path: { Length: > 2 } path, InnerException: not JsonException } } => new HttpValidationProblemDetails(
            new Dictionary<string, string[]> { [RequestFieldName(path[2..])] = ["Valeur illisible ou d'un type inattendu."] })
        {
            Status = StatusCodes.Status400BadRequest,
            Type = ValidationType,
            Title = "La requête contient des erreurs.",
            Detail = "Corrigez les champs signalés puis renvoyez la requête.",
        },
        BadHttpRequestException badRequest => new ProblemDetails
        {
            Status = badRequest.StatusCode,
            Type = UnreadableRequestType,
            Title = badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? "Requête trop volumineuse"
                : "Requête illisible",
            Detail = badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? "Le corps de la requête dépasse la taille autorisée."
                : "La requête est illisible : son corps, un paramètre ou un segment de l'adresse n'a pas la forme attendue, ou le type de contenu n'est pas accepté.",
        },
        // ASP.NET's JSON body reader refuses a content type it cannot decode (an unknown charset) with a bare
        // InvalidOperationException rather than a BadHttpRequestException: it is the client's content type, a 415.
        InvalidOperationException when exception.TargetSite?.DeclaringType == typeof(HttpRequestJsonExtensions) => new ProblemDetails
        {
            Status = StatusCodes.Status415UnsupportedMediaType,
            Type = UnreadableRequestType,
            Title = "Type de contenu non pris en charge",
            Detail = "Le corps de la requête doit être du JSON encodé en UTF-8 (Content-Type: application/json).",
        },
        ConflictException conflict => WithDetails(new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Type = ConflictType,
            Detail = conflict.Message,
        }, conflict.Details),
        // The aggregate workflow checks a command's expected version while fetching its stream, before looking for the
        // stream itself: a stream found at version 0 does not exist, which is a 404, not someone else's change.
        JasperFx.ConcurrencyException { Id: Guid id } concurrency when concurrency.Message.EndsWith(", but was 0", StringComparison.Ordinal) => new ProblemDetails
        {
            Status = StatusCodes.Status404NotFound,
            Type = NotFoundType,
            Detail = $"Aucun élément n'a l'identifiant {id}.",
        },
        // Marten refused to append or store over a change committed meanwhile (optimistic concurrency).
        JasperFx.ConcurrencyException or JasperFx.DocumentAlreadyExistsException => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Type = ConcurrencyType,
            Detail = "Quelqu'un d'autre a modifié cet élément entre-temps : rechargez-le, puis recommencez si besoin.",
        },
        RuleViolationException violation => WithDetails(new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Type = $"urn:achats:problem:{violation.Rule}",
            Detail = violation.Message,
        }, violation.Details),
        // What the request names does not exist: said by a handler, or by Wolverine's aggregate handler workflow
        // finding no stream for the command's id ([WriteAggregate] with OnMissing.ThrowException, French message).
        NotFoundException or Wolverine.Persistence.RequiredDataMissingException => new ProblemDetails
        {
            Status = StatusCodes.Status404NotFound,
            Type = NotFoundType,
            Detail = exception.Message,
        },
        ForbiddenException => new ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Type = ForbiddenType,
            Detail = exception.Message,
        },
        _ when DatabaseUnavailable(exception) => new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Type = DatabaseUnavailableType,
            Detail = "Le service est momentanément indisponible : réessayez dans quelques instants.",
        },
        _ => null,
    };

    /// <summary>
    /// PostgreSQL cannot be reached, whatever layer says so: down or unreachable at connection (a socket refused, a
    /// connection timeout), stopped or restarted under an open session (57P01–57P03, class 08, a stream cut), a pool
    /// waiting for connections that do not come, each possibly wrapped by Marten, Wolverine or a task. Worth retrying
    /// later, not a bug.
    /// </summary>
    public static bool DatabaseUnavailable(Exception exception) => exception switch
    {
        System.Data.Common.DbException { IsTransient: true } => true,
        System.Data.Common.DbException { SqlState: ['0', '8', ..] or "57P01" or "57P02" or "57P03" } => true,
        System.Net.Sockets.SocketException or TimeoutException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(DatabaseUnavailable),
        { InnerException: { } inner } => DatabaseUnavailable(inner),
        _ => false,
    };

    private static ProblemDetails WithDetails(ProblemDetails problem, IReadOnlyDictionary<string, object?> details)
    {
        foreach (var (name, value) in details)
        {
            problem.Extensions[name] = value;
        }

        return problem;
    }

    private static string RequestFieldName(string propertyName) =>
        FieldSegment().Replace(propertyName, match => char.ToLowerInvariant(match.Value[0]) + match.Value[1..]);

    private static string? ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);

    [GeneratedRegex(@"(?<=^|\.)[A-Z][^.\[]*")]
    private static partial Regex FieldSegment();

    private sealed partial class ExceptionToProblem(IProblemDetailsService problems, ILogger<ExceptionToProblem> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            var problem = ProblemFor(exception) ?? new ProblemDetails { Status = StatusCodes.Status500InternalServerError };

            if (problem.Status == StatusCodes.Status500InternalServerError)
            {
                LogUnexpected(logger, exception);
            }
            else if (problem.Status == StatusCodes.Status503ServiceUnavailable)
            {
                // Only the kind of failure: a database error's text can quote the values it refused.
                var cause = exception.GetBaseException();
                LogUnavailable(logger, exception.GetType().Name,
                    cause is System.Data.Common.DbException { SqlState: { } state } ? $"{cause.GetType().Name} {state}" : cause.GetType().Name);
                httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            httpContext.Response.StatusCode = problem.Status!.Value;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = problem,
                Exception = exception,
            });
        }

        [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure while handling the request")]
        private static partial void LogUnexpected(ILogger logger, Exception exception);

        [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL out of reach: answered 503 ({ExceptionType} from {CauseType})")]
        private static partial void LogUnavailable(ILogger logger, string exceptionType, string causeType);
    }
}

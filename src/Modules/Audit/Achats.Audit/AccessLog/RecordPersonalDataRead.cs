using Achats.Audit.Contracts;
using Achats.Shared.Access;
using FluentValidation;
using Marten;

namespace Achats.Audit.AccessLog;

/// <summary>
/// One read of personal data as administrators consult it: who read (as recorded, and in French for the filter), what,
/// whose (the enrolment or cohort), when.
/// </summary>
public sealed record PersonalDataReadEntry(Guid Id, string Actor, string Who, string What, Guid SubjectId, DateTimeOffset At);

internal sealed class PersonalDataReadValidator : AbstractValidator<PersonalDataRead>
{
    public PersonalDataReadValidator()
    {
        RuleFor(read => read.Actor).NotEmpty().WithMessage("Qui a lu les données doit être connu.")
            .MaximumLength(1000).WithMessage("L'auteur de la lecture ne doit pas dépasser 1000 caractères.");
        RuleFor(read => read.What).Must(what => PersonalDataReads.All.Contains(what)).WithMessage("Ce type de lecture n'existe pas.");
        RuleFor(read => read.SubjectId).NotEqual(Guid.Empty).WithMessage("Les données lues doivent être désignées.");
    }
}

/// <summary>Keeps each read in Audit's schema: the record administrators consult (ADR 0060).</summary>
public static class RecordPersonalDataReadHandler
{
    public static void Handle(PersonalDataRead read, IDocumentSession session) =>
        session.Store(new PersonalDataReadEntry(Guid.CreateVersion7(), read.Actor, Who(read.Actor), read.What, read.SubjectId, read.At));

    private static string Who(string actor)
    {
        try
        {
            return Actor.Describe(actor);
        }
        catch (FormatException)
        {
            return actor;
        }
    }
}

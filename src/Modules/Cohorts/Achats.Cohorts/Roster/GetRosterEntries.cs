using Achats.Cohorts.Contracts;
using FluentValidation;
using Marten;

namespace Achats.Cohorts.Roster;

internal sealed class GetRosterEntriesValidator : AbstractValidator<GetRosterEntries>
{
    public GetRosterEntriesValidator() =>
        RuleFor(query => query.CohortId).NotEmpty().WithMessage("Indiquez l'édition.");
}

/// <summary>Answers Cohorts.Contracts' <see cref="GetRosterEntries"/>: the roster's members and former members, by enrolment.</summary>
public static class GetRosterEntriesHandler
{
    public static async Task<RosterEntries> Handle(GetRosterEntries query, IQuerySession session, CancellationToken cancellationToken)
    {
        var members = await session.Query<RosterMember>().Where(member => member.CohortId == query.CohortId).ToListAsync(cancellationToken);
        return new RosterEntries(members.OrderBy(member => member.Id).Select(member => new RosterEntry(member.Id, member.FirstName, member.LastName,
            member.Email, member.Profile, member.OrganisationName, member.OrganisationKind, member.Siren, member.PairedWith, member.JoinedAt,
            !member.IsMember, member.LeftReason)).ToList());
    }
}

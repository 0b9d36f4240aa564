using Achats.Enrolment.Enrolments;
using Achats.Enrolment.OpenCohorts;
using Achats.Shared.Http;
using Marten;

namespace Achats.Enrolment.MyEnrolment;

/// <summary>Every enrolment of the signed-in address, newest first: a person may be in more than one cohort.</summary>
public sealed record GetMyEnrolments(string SignedInEmail);

/// <summary>One enrolment of the signed-in address; anyone else's is not found.</summary>
public sealed record GetMyEnrolment(Guid EnrolmentId, string SignedInEmail);

/// <summary>An enrolment as its participant sees it, with the name of its cohort and of the colleague staff paired them with.</summary>
public sealed record MyEnrolmentView(EnrolmentFile Enrolment, string CohortName, string? PairedWithName = null);

public static class GetMyEnrolmentsHandler
{
    public static async Task<IReadOnlyList<MyEnrolmentView>> Handle(GetMyEnrolments query, IQuerySession session, CancellationToken cancellationToken)
    {
        var email = SignInLink.Normalise(query.SignedInEmail);
        var enrolments = await session.Query<EnrolmentFile>()
            .Where(enrolment => enrolment.Participant.Email.ToLower() == email)
            .OrderByDescending(enrolment => enrolment.SubmittedAt)
            .ToListAsync(cancellationToken);
        var cohorts = await session.LoadManyAsync<OpenCohort>(cancellationToken, enrolments.Select(enrolment => enrolment.CohortId).Distinct());
        var colleagues = await session.LoadManyAsync<EnrolmentFile>(cancellationToken, enrolments.Select(enrolment => enrolment.PairedWith).OfType<Guid>());
        return enrolments.Select(enrolment => new MyEnrolmentView(enrolment,
            cohorts.FirstOrDefault(cohort => cohort.Id == enrolment.CohortId)?.Name ?? "",
            colleagues.FirstOrDefault(colleague => colleague.Id == enrolment.PairedWith)?.Participant.Name())).ToList();
    }
}

public static class GetMyEnrolmentHandler
{
    public static async Task<MyEnrolmentView> Handle(GetMyEnrolment query, IQuerySession session, CancellationToken cancellationToken)
    {
        var enrolment = await session.LoadAsync<EnrolmentFile>(query.EnrolmentId, cancellationToken);
        if (enrolment is null || SignInLink.Normalise(enrolment.Participant.Email) != SignInLink.Normalise(query.SignedInEmail))
        {
            throw new NotFoundException(EnrolmentStreams.NotFound.Replace("{Id}", query.EnrolmentId.ToString(), StringComparison.Ordinal));
        }

        var cohort = await session.LoadAsync<OpenCohort>(enrolment.CohortId, cancellationToken);
        return new MyEnrolmentView(enrolment, cohort?.Name ?? "");
    }
}

using Marten;

namespace Achats.Charter.Signatures;

/// <summary>Where one enrolment stands with its cohort's charter, for the staff page of the enrolment.</summary>
public sealed record GetSignatureState(Guid EnrolmentId);

/// <summary>Null <see cref="File"/>: no signature was asked for yet (the pre-registration is not validated).</summary>
public sealed record SignatureState(SignatureFile? File, int? CurrentVersion);

public static class GetSignatureStateHandler
{
    public static async Task<SignatureState> Handle(GetSignatureState query, IQuerySession session, CancellationToken cancellationToken)
    {
        var file = await session.Query<SignatureFile>().FirstOrDefaultAsync(file => file.EnrolmentId == query.EnrolmentId, cancellationToken);
        var charter = file is null ? null : await Charters.CharterStreams.CharterOfAsync(session, file.CohortId, cancellationToken);
        return new SignatureState(file, charter?.Current?.Number);
    }
}

using Achats.Shared.Time;
using FluentValidation;
using Marten;
using Marten.Pagination;

namespace Achats.Audit.AccessLog;

/// <summary>
/// The log of reads of personal data, newest first, a page at a time: those of a person acting whose name contains
/// <paramref name="Who"/>, between two Paris dates (both included).
/// </summary>
public sealed record ListPersonalDataReads(string? Who, DateOnly? From, DateOnly? To, int Page = 1);

public sealed record PersonalDataReadsPage(IReadOnlyList<PersonalDataReadEntry> Items, long Total, int Page, int PageCount);

internal sealed class ListPersonalDataReadsValidator : AbstractValidator<ListPersonalDataReads>
{
    public ListPersonalDataReadsValidator()
    {
        RuleFor(query => query.Who).MaximumLength(200).WithMessage("La personne cherchée ne doit pas dépasser 200 caractères.");
        RuleFor(query => query.Page).InclusiveBetween(1, 100_000).WithMessage("Cette page n'existe pas.");
        RuleFor(query => query.To).GreaterThanOrEqualTo(query => query.From)
            .When(query => query.From is not null && query.To is not null)
            .WithMessage("La date de fin doit suivre la date de début.");
    }
}

public static class ListPersonalDataReadsHandler
{
    public const int PageSize = 50;

    public static async Task<PersonalDataReadsPage> Handle(ListPersonalDataReads query, IQuerySession session, CancellationToken cancellationToken)
    {
        var reads = session.Query<PersonalDataReadEntry>().AsQueryable();
        if (!string.IsNullOrWhiteSpace(query.Who))
        {
            var who = query.Who.Trim();
            reads = reads.Where(read => read.Who.Contains(who, StringComparison.OrdinalIgnoreCase));
        }

        if (query.From is { } from && ParisTime.FromParis(from.ToDateTime(TimeOnly.MinValue)) is { } start)
        {
            var since = start.ToUniversalTime();
            reads = reads.Where(read => read.At >= since);
        }

        if (query.To is { } to && ParisTime.FromParis(to.AddDays(1).ToDateTime(TimeOnly.MinValue)) is { } end)
        {
            var until = end.ToUniversalTime();
            reads = reads.Where(read => read.At < until);
        }

        var page = await reads.OrderByDescending(read => read.At).ToPagedListAsync(query.Page, PageSize, cancellationToken);
        return new PersonalDataReadsPage(page.ToList(), page.TotalItemCount, query.Page, (int)Math.Max(1, page.PageCount));
    }
}

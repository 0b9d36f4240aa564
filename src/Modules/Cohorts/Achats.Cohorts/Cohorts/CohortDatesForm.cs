using System.Globalization;
using Achats.Shared.Web;

namespace Achats.Cohorts.Cohorts;

/// <summary>
/// A cohort's dates as the edition pages post them: a browser's date field sends 2027-01-14 (it shows the date in
/// its reader's language); a date typed the French way (14/01/2027) is read too. An empty date is left for the command's validator to refuse; one that cannot be read is
/// refused here, beside its field, and no command is sent.
/// </summary>
internal sealed class CohortDatesForm
{
    private static readonly string[] Formats = ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"];

    public string? Name { get; set; }

    public string? RegistrationOpensOn { get; set; }

    public string? RegistrationClosesOn { get; set; }

    public string? StartsOn { get; set; }

    public string? EndsOn { get; set; }

    public string? Reason { get; set; }

    /// <summary>The cohort's current dates, as the form shows them before any change.</summary>
    public static CohortDatesForm Of(CohortView cohort) => new()
    {
        RegistrationOpensOn = Input(cohort.RegistrationOpensOn),
        RegistrationClosesOn = Input(cohort.RegistrationClosesOn),
        StartsOn = Input(cohort.StartsOn),
        EndsOn = Input(cohort.EndsOn),
    };

    /// <summary>The value a date field holds: « 2027-01-14 », shown by the browser as its reader writes dates.</summary>
    public static string Input(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public PlanCohort? ToPlan(out FormErrors errors)
    {
        var (opens, closes, starts, ends) = (Read(RegistrationOpensOn), Read(RegistrationClosesOn), Read(StartsOn), Read(EndsOn));
        errors = Unreadable(opens, closes, starts, ends);
        return errors.Any ? null : new PlanCohort(Name ?? "", opens.Date ?? default, closes.Date ?? default, starts.Date ?? default, ends.Date);
    }

    public ChangeCohortDates? ToChange(Guid cohortId, out FormErrors errors)
    {
        var (opens, closes, starts, ends) = (Read(RegistrationOpensOn), Read(RegistrationClosesOn), Read(StartsOn), Read(EndsOn));
        errors = Unreadable(opens, closes, starts, ends);
        return errors.Any ? null : new ChangeCohortDates(cohortId, opens.Date ?? default, closes.Date ?? default, starts.Date ?? default, ends.Date, Reason ?? "");
    }

    private static (DateOnly? Date, bool Unreadable) Read(string? text) =>
        string.IsNullOrWhiteSpace(text) ? (null, false)
        : DateOnly.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? (date, false)
        : (null, true);

    private static FormErrors Unreadable(
        (DateOnly? Date, bool Unreadable) opens, (DateOnly? Date, bool Unreadable) closes,
        (DateOnly? Date, bool Unreadable) starts, (DateOnly? Date, bool Unreadable) ends)
    {
        var fields = new Dictionary<string, string[]>();
        foreach (var (name, date) in new[]
                 {
                     ("registrationOpensOn", opens), ("registrationClosesOn", closes), ("startsOn", starts), ("endsOn", ends),
                 })
        {
            if (date.Unreadable)
            {
                fields[name] = [EditionTexts.UnreadableDate];
            }
        }

        return fields.Count == 0 ? FormErrors.None : new FormErrors(fields, null);
    }
}

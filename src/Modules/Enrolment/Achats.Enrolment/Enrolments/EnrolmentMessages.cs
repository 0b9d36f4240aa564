namespace Achats.Enrolment.Enrolments;

/// <summary>The French words the enrolment use cases share.</summary>
internal static class EnrolmentMessages
{
    public const string VersionRequired = "Indiquez la version de l'inscription sur laquelle porte votre décision.";
    public const string ReasonRequired = "Le motif est obligatoire.";
    public const string ReasonTooLong = "Le motif ne doit pas dépasser 2000 caractères.";

    public static string Describe(EnrolmentStatus status) => status switch
    {
        EnrolmentStatus.PreRegistered => "pré-inscrite",
        EnrolmentStatus.InformationRequested => "en attente d'informations complémentaires",
        EnrolmentStatus.Validated => "validée, en attente de la signature de la charte",
        EnrolmentStatus.Admitted => "admise",
        EnrolmentStatus.Rejected => "refusée",
        _ => "retirée",
    };
}

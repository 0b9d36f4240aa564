namespace Achats.Enrolment.Contracts;

/// <summary>What participants and staff read for each profile <see cref="EnrolmentAdmitted.Profile"/> names.</summary>
public static class ProfileLabels
{
    public static string Of(string profile) => profile switch
    {
        "Prescriber" => "Prescripteur ou prescriptrice (à l'origine d'achats, dès l'expression du besoin)",
        "PublicBuyer" => "Acheteur ou acheteuse public ou publique",
        "PrivateBuyer" => "Acheteur ou acheteuse privé ou privée",
        "ElectedOfficial" => "Élu ou élue",
        "CsrOfficer" => "Responsable RSE ou développement durable",
        _ => profile,
    };
}

namespace Achats.Shared.Access;

/// <summary>
/// The four organising structures of the programme: the Métropole du Grand Paris, which pilots it, and its three
/// partners, which attest memberships through their API keys. A staff member belongs to one; a partner key acts for
/// a partner. Stored and exchanged by name (<c>Mgp</c>, <c>Inec</c>, <c>ObsAR</c>, <c>LesCanaux</c>): never rename one.
/// </summary>
public enum OrganisingStructure
{
    Mgp,
    Inec,
    ObsAR,
    LesCanaux,
}

/// <summary>Which structures are partners, and the one table of their French names.</summary>
public static class OrganisingStructures
{
    /// <summary>The structures that hold partner keys and attest memberships: all but the Métropole.</summary>
    public static readonly IReadOnlyList<OrganisingStructure> Partners = [OrganisingStructure.Inec, OrganisingStructure.ObsAR, OrganisingStructure.LesCanaux];

    public static bool IsPartner(this OrganisingStructure structure) => Partners.Contains(structure);

    /// <summary>Its name in full: « Institut National de l'Économie Circulaire (INEC) ».</summary>
    public static string Name(this OrganisingStructure structure) => LabelOf(structure).Name;

    /// <summary>After « de » : « de l'INEC », « des Canaux ».</summary>
    public static string Of(this OrganisingStructure structure) => LabelOf(structure).Of;

    /// <summary>After a past participle: « par l'INEC », « par Les Canaux ».</summary>
    public static string By(this OrganisingStructure structure) => LabelOf(structure).By;

    private sealed record Label(string Name, string Of, string By);

    // The one French table of the structures (DOMAIN.md); every sentence that names one takes it from here.
    private static Label LabelOf(OrganisingStructure structure) => structure switch
    {
        OrganisingStructure.Mgp => new("Métropole du Grand Paris (MGP)", "de la Métropole du Grand Paris", "par la Métropole du Grand Paris"),
        OrganisingStructure.Inec => new("Institut National de l'Économie Circulaire (INEC)", "de l'INEC", "par l'INEC"),
        OrganisingStructure.ObsAR => new("Observatoire des Achats Responsables (ObsAR)", "de l'ObsAR", "par l'ObsAR"),
        OrganisingStructure.LesCanaux => new("Les Canaux", "des Canaux", "par Les Canaux"),
        _ => throw new ArgumentOutOfRangeException(nameof(structure), structure, "Not an organising structure."),
    };
}

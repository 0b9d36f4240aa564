using Achats.Shared.Access;
using Achats.Shared.Web;

namespace Achats.Access.StaffAccounts;

/// <summary>The staff accounts pages' choices and states in French, and the values their forms post turned back into a command's.</summary>
internal static class StaffAccountChoices
{
    public static IEnumerable<Choice> Roles => StaffRole.All.Select(role => new Choice(role, StaffRole.Name(role)));

    public static IEnumerable<Choice> Structures => Enum.GetValues<OrganisingStructure>().Select(structure => new Choice(structure.ToString(), structure.Name()));

    public static IEnumerable<Choice> Deliveries =>
    [
        new(nameof(CredentialDelivery.GeneratedPassword), StaffAccountTexts.GeneratedPassword),
        new(nameof(CredentialDelivery.OneTimeLink), StaffAccountTexts.OneTimeLink),
    ];

    public static string Structure(OrganisingStructure? structure) => structure?.Name() ?? StaffAccountTexts.NoStructure;

    public static string State(StaffAccountView account) => account switch
    {
        { Disabled: true } => StaffAccountTexts.Disabled,
        { SlowedDown: true } => StaffAccountTexts.SlowedDown,
        _ => StaffAccountTexts.Active,
    };

    /// <summary>A value no option offers (a forged post) or none at all becomes one the validator refuses by name, never a crash.</summary>
    public static TEnum Known<TEnum>(string? text) where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(text, ignoreCase: false, out var value) && Enum.IsDefined(value) ? value : (TEnum)Enum.ToObject(typeof(TEnum), -1);

    public static OrganisingStructure? Optional(string? structure) => string.IsNullOrEmpty(structure) ? null : Known<OrganisingStructure>(structure);

    /// <summary>The absolute address of a link the answer gives as a path on this site.</summary>
    public static string Absolute(Microsoft.AspNetCore.Http.HttpRequest request, string path) => $"{request.Scheme}://{request.Host}{request.PathBase}{path}";
}

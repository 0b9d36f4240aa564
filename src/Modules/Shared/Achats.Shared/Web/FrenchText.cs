namespace Achats.Shared.Web;

/// <summary>
/// A French text with its numbered gaps filled, numbers and dates written as a French reader expects:
/// <c>@Say(EnrolmentListTexts.PageOf, 2, 7)</c> gives « Page 2 sur 7 ».
/// </summary>
public static class FrenchText
{
    public static string Say(string format, params object?[] values) => string.Format(FrenchNumbers.Culture, format, values);
}

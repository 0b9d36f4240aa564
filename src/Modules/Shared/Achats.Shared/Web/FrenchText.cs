namespace Achats.Shared.Web;

/// <summary>Fills a French text's placeholders the way a French reader writes them: <c>@Say(Texts.PageOf, 2, 7)</c>.</summary>
public static class FrenchText
{
    public static string Say(string format, params object?[] values) => string.Format(FrenchNumbers.Culture, format, values);
}

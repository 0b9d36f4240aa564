namespace Achats.Browser.Tests;

/// <summary>Luhn-valid SIRENs, a fresh one each time, so that no two tests share an organisation.</summary>
public static class Sirens
{
    private static int _seed = Random.Shared.Next(10_000_000, 90_000_000);

    public static string Next()
    {
        var body = Interlocked.Increment(ref _seed).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
        return Enumerable.Range(0, 10).Select(check => body + check).First(IsLuhnValid);
    }

    private static bool IsLuhnValid(string digits) =>
        digits.Reverse().Select((digit, index) => (digit - '0') * (index % 2 == 1 ? 2 : 1)).Sum(value => value > 9 ? value - 9 : value) % 10 == 0;
}

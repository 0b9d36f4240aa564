using Achats.Shared.France;

namespace Achats.Testing;

/// <summary>Fresh, Luhn-valid SIRENs, so that tests sharing a database never share an organisation.</summary>
public static class Sirens
{
    private static int _seed = Random.Shared.Next(10_000_000, 90_000_000);

    public static string Next()
    {
        var body = Interlocked.Increment(ref _seed).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
        return Enumerable.Range(0, 10).Select(check => body + check).FirstOrDefault(Siren.IsValid)
            ?? throw new InvalidOperationException("No check digit makes a valid SIREN.");
    }
}

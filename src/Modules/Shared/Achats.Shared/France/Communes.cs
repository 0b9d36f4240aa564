using System.Collections.Frozen;

namespace Achats.Shared.France;

/// <summary>Every French commune by INSEE code (La Poste's official list; see communes.README.md).</summary>
public static class Communes
{
    private static readonly Lazy<FrozenDictionary<string, string>> ByInseeCode = new(Load);

    /// <summary>The commune's name, or null when the code names no commune.</summary>
    public static string? Find(string inseeCode) => ByInseeCode.Value.GetValueOrDefault(inseeCode);

    public static bool Exists(string inseeCode) => ByInseeCode.Value.ContainsKey(inseeCode);

    private static FrozenDictionary<string, string> Load()
    {
        using var stream = typeof(Communes).Assembly.GetManifestResourceStream("Achats.Shared.communes.csv")
            ?? throw new InvalidOperationException("The list of communes is missing from the assembly.");
        using var reader = new StreamReader(stream);
        reader.ReadLine(); // header
        var communes = new Dictionary<string, string>(capacity: 35_200, StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var separator = line.IndexOf(';', StringComparison.Ordinal);
            communes[line[..separator]] = line[(separator + 1)..];
        }

        return communes.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

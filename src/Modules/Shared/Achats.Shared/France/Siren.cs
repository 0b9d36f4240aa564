namespace Achats.Shared.France;

/// <summary>The SIREN of a French organisation: nine digits whose Luhn checksum is valid.</summary>
public static class Siren
{
    public static bool IsValid(string? siren)
    {
        if (siren is not { Length: 9 } || !siren.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var position = 0; position < 9; position++)
        {
            var digit = siren[8 - position] - '0';
            if (position % 2 == 1)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return sum % 10 == 0;
    }
}

using System.Security.Cryptography;
using System.Text;

namespace Achats.Shared.Access;

/// <summary>
/// The secret of an emailed single-use link (charter signature, participant sign-in): 256 random bits, shown once in
/// the email, kept only as their SHA-256, so that a copy of the database opens nothing.
/// </summary>
public static class SigningToken
{
    public static (string Token, string Hash) New()
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (token, HashOf(token));
    }

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

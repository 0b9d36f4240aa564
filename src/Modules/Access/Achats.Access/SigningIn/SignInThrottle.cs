using System.Collections.Concurrent;
using System.Net;
using Achats.Access.StaffAccounts;

namespace Achats.Access.SigningIn;

/// <summary>
/// Sign-in failures counted per client address and account (ADR 0041): after <see cref="StaffAccount.MaxFailedAttempts"/>
/// failures from one address on one account, that address may not try that account again for <see cref="Window"/>.
/// Whoever guesses only blocks themselves; the owner, elsewhere, still signs in. Kept in memory, per node, as the
/// rate limiter is; bounded, so that an attacker inventing addresses cannot fill the memory.
/// </summary>
internal sealed class SignInThrottle(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private const int MostTracked = 10_000;

    private readonly ConcurrentDictionary<string, Failures> _failures = new();

    public bool IsBlocked(IPAddress? address, string email) =>
        _failures.TryGetValue(KeyOf(address, email), out var failures)
        && failures.Count >= StaffAccount.MaxFailedAttempts && time.GetUtcNow() - failures.Since < Window;

    public void Failed(IPAddress? address, string email)
    {
        var now = time.GetUtcNow();
        if (_failures.Count >= MostTracked)
        {
            ForgetOlderThanWindow(now);
        }

        _failures.AddOrUpdate(KeyOf(address, email), _ => new Failures(1, now),
            (_, failures) => now - failures.Since >= Window ? new Failures(1, now) : failures with { Count = failures.Count + 1 });
    }

    public void Succeeded(IPAddress? address, string email) => _failures.TryRemove(KeyOf(address, email), out _);

    private void ForgetOlderThanWindow(DateTimeOffset now)
    {
        foreach (var (key, failures) in _failures)
        {
            if (now - failures.Since >= Window)
            {
                _failures.TryRemove(key, out _);
            }
        }

        if (_failures.Count >= MostTracked)
        {
            _failures.Clear();
        }
    }

    private static string KeyOf(IPAddress? address, string email) => $"{address}|{StaffAccount.NormaliseEmail(email)}";

    private sealed record Failures(int Count, DateTimeOffset Since);
}

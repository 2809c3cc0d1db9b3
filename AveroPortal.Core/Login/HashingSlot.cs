namespace AveroPortal.Core.Login;

/// <summary>
/// One turn at the password hasher (<see cref="PasswordHashing.EnterAsync"/>): whoever holds it may hash and verify,
/// one hash at a time, without waiting again. A use case takes its turn before it counts or changes anything, so
/// that a "te druk" answer leaves everything as it was, and gives it back when it is done hashing.
/// </summary>
public sealed class HashingSlot : IDisposable
{
    private readonly PasswordHashing _hashing;
    private int _released;

    internal HashingSlot(PasswordHashing hashing) => _hashing = hashing;

    /// <summary>A new Argon2id hash at the configured cost, in the PHC string format.</summary>
    public string Hash(string password)
    {
        ObjectDisposedException.ThrowIf(_released != 0, this);
        // The avero_password_hash_duration_seconds histogram: the one place every hash and check passes.
        using var timing = Operations.PortalMetrics.TimePasswordHash("hash");
        return _hashing.HashCore(password);
    }

    public PasswordCheck Verify(string storedHash, string password) => Check(storedHash, password, "verify");

    /// <summary>Spends the same work as a real check, so an unknown e-mail address takes as long as a wrong password.</summary>
    public void VerifyAgainstDummy(string password) => Check(_hashing.DummyHash, password, "dummy");

    private PasswordCheck Check(string storedHash, string password, string operation)
    {
        ObjectDisposedException.ThrowIf(_released != 0, this);
        using var timing = Operations.PortalMetrics.TimePasswordHash(operation);
        return _hashing.VerifyCore(storedHash, password);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _hashing.Release();
        }
    }
}

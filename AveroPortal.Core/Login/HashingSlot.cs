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
        return _hashing.HashCore(password);
    }

    public PasswordCheck Verify(string storedHash, string password)
    {
        ObjectDisposedException.ThrowIf(_released != 0, this);
        return _hashing.VerifyCore(storedHash, password);
    }

    /// <summary>Spends the same work as a real check, so an unknown e-mail address takes as long as a wrong password.</summary>
    public void VerifyAgainstDummy(string password) => Verify(_hashing.DummyHash, password);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _hashing.Release();
        }
    }
}

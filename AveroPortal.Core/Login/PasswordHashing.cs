using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using NSec.Cryptography;

namespace AveroPortal.Core.Login;

/// <summary>
/// The one home of password hashing: Argon2id through libsodium (NSec.Cryptography) at the configured cost (at least
/// OWASP's m = 19 MiB, t = 2, p = 1), stored as a PHC string (<see cref="Argon2idPhc"/>). Hashes of the portal before
/// issue 16 (ASP.NET Core Identity v3, PBKDF2-HMAC-SHA512) still verify and ask for a rehash, as does an Argon2id hash
/// of a lower cost than configured; a stored hash that is neither fails closed. Each hash takes its memory (19 MiB
/// at the minimum), so a gate lets at most <see cref="PasswordHashingOptions.MaxConcurrent"/> run at once: callers
/// wait for a turn (<see cref="EnterAsync"/>) up to <see cref="PasswordHashingOptions.MaxWait"/>, then get
/// <see cref="PasswordHashingBusyException"/> rather than a process that runs out of memory.
/// </summary>
public sealed class PasswordHashing : IDisposable
{
    /// <summary>Identity v3's format marker; its hashes are base64 of marker, PRF, iterations, salt length, salt, subkey.</summary>
    private const byte IdentityV3 = 0x01;

    /// <summary>The portal wrote 210,000; far more is not a hash it wrote, and would tie up a core for seconds.</summary>
    private const int MaxLegacyIterations = 1_000_000;

    private static readonly object User = new();
    private static readonly PasswordHasher<object> Legacy = new(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions
    {
        CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
        IterationCount = 210_000,
    }));

    private readonly SemaphoreSlim _gate;
    private readonly Argon2id _configured;
    private long _argon2idRuns;
    private long _argon2idWork;
    private long _legacyRuns;
    private long _busy;

    public PasswordHashing(PasswordHashingOptions options)
    {
        if (options.MemoryKiB < PasswordHashingOptions.MinimumMemoryKiB || options.Iterations < PasswordHashingOptions.MinimumIterations)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"Argon2id needs at least OWASP's m = {PasswordHashingOptions.MinimumMemoryKiB} KiB, t = {PasswordHashingOptions.MinimumIterations}.");
        }

        Options = options;
        _gate = new SemaphoreSlim(options.MaxConcurrent, options.MaxConcurrent);
        _configured = Algorithm(options.MemoryKiB, options.Iterations);
        DummyHash = HashCore("dummy password for unknown accounts");
    }

    public PasswordHashingOptions Options { get; }

    /// <summary>Argon2id computations so far (hashes, checks and dummy checks).</summary>
    public long Argon2idRuns => Interlocked.Read(ref _argon2idRuns);

    /// <summary>The sum of memory × passes (KiB) of those computations: the work they did.</summary>
    public long Argon2idWork => Interlocked.Read(ref _argon2idWork);

    /// <summary>Checks of old PBKDF2 (Identity v3) hashes so far.</summary>
    public long LegacyRuns => Interlocked.Read(ref _legacyRuns);

    /// <summary>Callers turned away after waiting <see cref="PasswordHashingOptions.MaxWait"/>.</summary>
    public long BusyRefusals => Interlocked.Read(ref _busy);

    /// <summary>Turns free right now.</summary>
    public int FreeTurns => _gate.CurrentCount;

    /// <summary>A stored hash of the configured cost, for <see cref="HashingSlot.VerifyAgainstDummy"/>.</summary>
    internal string DummyHash { get; }

    /// <summary>Waits for a turn; after <see cref="PasswordHashingOptions.MaxWait"/> throws <see cref="PasswordHashingBusyException"/>.</summary>
    public async Task<HashingSlot> EnterAsync(CancellationToken cancellationToken = default)
    {
        if (!await _gate.WaitAsync(Options.MaxWait, cancellationToken))
        {
            Interlocked.Increment(ref _busy);
            throw new PasswordHashingBusyException(Options.MaxWait);
        }

        return new HashingSlot(this);
    }

    /// <summary>One hash in a turn of its own: for callers that hash once and have changed nothing before.</summary>
    public async Task<string> HashAsync(string password)
    {
        using var slot = await EnterAsync();
        return slot.Hash(password);
    }

    /// <inheritdoc cref="HashAsync"/>
    public async Task<PasswordCheck> VerifyAsync(string storedHash, string password)
    {
        using var slot = await EnterAsync();
        return slot.Verify(storedHash, password);
    }

    public void Dispose() => _gate.Dispose();

    internal void Release() => _gate.Release();

    internal string HashCore(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(Argon2idPhc.SaltBytes);
        var hash = new byte[Argon2idPhc.HashBytes];
        Derive(_configured, Options.MemoryKiB, Options.Iterations, password, salt, hash);
        return new Argon2idPhc(Options.MemoryKiB, Options.Iterations, salt, hash).ToString();
    }

    internal PasswordCheck VerifyCore(string? storedHash, string password)
    {
        if (Argon2idPhc.TryParse(storedHash, out var phc))
        {
            var algorithm = phc.MemoryKiB == Options.MemoryKiB && phc.Iterations == Options.Iterations ? _configured : Algorithm(phc.MemoryKiB, phc.Iterations);
            Span<byte> computed = stackalloc byte[Argon2idPhc.HashBytes];
            Derive(algorithm, phc.MemoryKiB, phc.Iterations, password, phc.Salt, computed);
            if (!CryptographicOperations.FixedTimeEquals(computed, phc.Hash))
            {
                return PasswordCheck.Failed;
            }

            return phc.MemoryKiB < Options.MemoryKiB || phc.Iterations < Options.Iterations ? PasswordCheck.SuccessRehashNeeded : PasswordCheck.Success;
        }

        return IsLegacyHash(storedHash) && VerifyLegacy(storedHash!, password) ? PasswordCheck.SuccessRehashNeeded : PasswordCheck.Failed;
    }

    private static Argon2id Algorithm(int memoryKiB, int iterations) =>
        PasswordBasedKeyDerivationAlgorithm.Argon2id(new Argon2Parameters { DegreeOfParallelism = 1, MemorySize = memoryKiB, NumberOfPasses = iterations });

    private void Derive(Argon2id algorithm, int memoryKiB, int iterations, string password, ReadOnlySpan<byte> salt, Span<byte> hash)
    {
        var bytes = Encoding.UTF8.GetBytes(password);
        try
        {
            algorithm.DeriveBytes(bytes, salt, hash);
        }
        catch (NotImplementedException)
        {
            // NSec's answer when libsodium returns an error, which with valid parameters means it could not allocate
            // the memory: the same answer as a full gate, not a 500.
            throw new PasswordHashingBusyException(TimeSpan.Zero);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }

        Interlocked.Increment(ref _argon2idRuns);
        Interlocked.Add(ref _argon2idWork, (long)memoryKiB * iterations);
    }

    /// <summary>Identity v3 with a PRF and an iteration count the portal could have written; anything else fails closed.</summary>
    private static bool IsLegacyHash(string? storedHash)
    {
        if (storedHash is null || storedHash.Length is < 20 or > 200)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[150];
        if (!Convert.TryFromBase64String(storedHash, bytes, out var length) || length < 13 || bytes[0] != IdentityV3)
        {
            return false;
        }

        var prf = BinaryPrimitives.ReadUInt32BigEndian(bytes[1..]);
        var iterations = BinaryPrimitives.ReadUInt32BigEndian(bytes[5..]);
        return prf <= 2 && iterations is > 0 and <= MaxLegacyIterations;
    }

    private bool VerifyLegacy(string storedHash, string password)
    {
        Interlocked.Increment(ref _legacyRuns);
        try
        {
            // Identity compares in fixed time; any result but Failed means the password is right (the hash is old either way).
            return Legacy.VerifyHashedPassword(User, storedHash, password) != PasswordVerificationResult.Failed;
        }
        catch (Exception e) when (e is FormatException or CryptographicException or ArgumentException)
        {
            return false;
        }
    }
}

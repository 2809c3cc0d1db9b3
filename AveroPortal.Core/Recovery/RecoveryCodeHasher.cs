using System.Security.Cryptography;
using System.Text;
using AveroPortal.Core.Login;

namespace AveroPortal.Core.Recovery;

/// <summary>
/// HMAC-SHA256 of a normalised code under a random key shared through <see cref="ProtectedKeys"/>: fast and indexable
/// (the database finds the row by it), never the code itself. A copy of the database alone does not allow even
/// checking a guess, since the key is only stored in its Data Protection form.
/// </summary>
internal sealed class RecoveryCodeHasher(ProtectedKeys keys)
{
    public const string KeyPurpose = "recovery-codes";

    public async Task<string> HashAsync(string normalised) => Hash(await keys.GetOrCreateAsync(KeyPurpose), normalised);

    public static string Hash(byte[] key, string normalised) =>
        Convert.ToHexString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(normalised)));
}

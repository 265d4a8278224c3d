using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace PbenchAuthSpec.LoadGen;

/// <summary>
/// The most RS256 tokens per second this machine can sign: one thread per core signing a
/// token-sized input with the bench's 2048-bit key (RSASSA-PKCS1-v1_5 over SHA-256, OpenSSL
/// underneath as in the servers), nothing else running in the process. Every token needs one
/// fresh signature (each has its own jti and iat), so no server can issue more tokens than this,
/// and under wrk, which shares the cores, fewer.
/// </summary>
public static class SigningCeiling
{
    public static async Task<double> MeasureAsync(string pemFile, TimeSpan duration, CancellationToken cancellationToken)
    {
        var pem = await File.ReadAllTextAsync(pemFile, cancellationToken);
        // A header and payload of the size MockBroker's client_credentials tokens have (~900 bytes).
        var input = Encoding.ASCII.GetBytes(new string('e', 36) + "." + new string('x', 860));
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Environment.ProcessorCount)
            .Select(_ => Task.Factory.StartNew(() => SignUntil(pem, input, clock, duration), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
        var signatures = (await Task.WhenAll(workers)).Sum();
        return signatures / clock.Elapsed.TotalSeconds;
    }

    private static long SignUntil(string pem, byte[] input, Stopwatch clock, TimeSpan duration)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        long count = 0;
        while (clock.Elapsed < duration)
        {
            rsa.SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            count++;
        }

        return count;
    }
}

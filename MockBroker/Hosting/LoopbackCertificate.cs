using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PbenchAuthSpec.MockBroker.Hosting;

/// <summary>A self-signed TLS certificate for 127.0.0.1, ::1 and localhost, made at start (test use only).</summary>
public static class LoopbackCertificate
{
    public static X509Certificate2 Create(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=MockBroker loopback", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = clock.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(30));
        // Kestrel needs the key in a form the platform's TLS stack can use: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>A certificate and its private key from one PEM file (or a certificate PEM and a key PEM).</summary>
    public static X509Certificate2 FromPem(string certificateFile, string? keyFile = null)
    {
        try
        {
            using var loaded = X509Certificate2.CreateFromPemFile(certificateFile, keyFile ?? certificateFile);
            return X509CertificateLoader.LoadPkcs12(loaded.Export(X509ContentType.Pkcs12), null);
        }
        catch (Exception e) when (e is CryptographicException or IOException or ArgumentException)
        {
            throw new InvalidOperationException($"--https-cert {certificateFile}: not a PEM certificate with its private key ({e.Message}).", e);
        }
    }

    public static string ToPem(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.ExportCertificatePem() + "\n";
    }
}

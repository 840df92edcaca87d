using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DockerNetTools.Docker.Tests.Endpoints
{
    /// <summary>A throwaway self-signed certificate as ca.pem, cert.pem and key.pem, the files `docker context create` takes.</summary>
    internal static class TestCertificates
    {
        /// <summary>Writes the three files into a new folder under <paramref name="parent"/>; returns that folder.</summary>
        public static string Write(string parent)
        {
            var folder = Path.Combine(parent, "certs");
            Directory.CreateDirectory(folder);
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=dnt-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            var pem = certificate.ExportCertificatePem();
            File.WriteAllText(Path.Combine(folder, "ca.pem"), pem);
            File.WriteAllText(Path.Combine(folder, "cert.pem"), pem);
            File.WriteAllText(Path.Combine(folder, "key.pem"), key.ExportRSAPrivateKeyPem());
            return folder;
        }
    }
}

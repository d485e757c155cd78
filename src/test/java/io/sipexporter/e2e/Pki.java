package io.sipexporter.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Throwaway certificates made by {@code openssl} in a test directory: a CA, a server certificate
 * for 127.0.0.1 and localhost, and a client certificate, all signed by the CA; plus a client
 * certificate from a second CA the server does not trust. EC P-256 keys, valid for two days.
 *
 * <pre>{@code
 * Pki pki = Pki.create(dir.resolve("pki"));
 * curl --cacert pki.ca() --cert pki.clientCert() --key pki.clientKey() https://127.0.0.1:...
 * }</pre>
 */
public record Pki(Path dir) {

  /** Makes every certificate and key in {@code dir}. */
  public static Pki create(Path dir) {
    Pki pki = new Pki(dir);
    try {
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve("server.ext"),
          "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
      Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    pki.selfSigned("ca", "sip-exporter test CA");
    pki.signed("server", "127.0.0.1", "ca", "server.ext");
    pki.signed("client", "prometheus", "ca", "client.ext");
    pki.selfSigned("other-ca", "untrusted test CA");
    pki.signed("other-client", "intruder", "other-ca", "client.ext");
    return pki;
  }

  public Path ca() {
    return dir.resolve("ca.crt");
  }

  public Path serverCert() {
    return dir.resolve("server.crt");
  }

  public Path serverKey() {
    return dir.resolve("server.key");
  }

  public Path clientCert() {
    return dir.resolve("client.crt");
  }

  public Path clientKey() {
    return dir.resolve("client.key");
  }

  /** A client certificate signed by a CA the server does not trust. */
  public Path otherClientCert() {
    return dir.resolve("other-client.crt");
  }

  public Path otherClientKey() {
    return dir.resolve("other-client.key");
  }

  /**
   * A server certificate for 127.0.0.1 signed by the CA with fixed validity dates, as {@code
   * openssl ca} writes them ({@code YYYYMMDDHHMMSSZ}), e.g. long past: {@code expired-server.crt}
   * and {@code .key}.
   */
  public Path serverCertValid(String notBefore, String notAfter) {
    try {
      Files.writeString(
          dir.resolve("ca.cnf"),
          String.join(
              "\n",
              "[ ca ]",
              "default_ca = test_ca",
              "[ test_ca ]",
              "database = index.txt",
              "new_certs_dir = .",
              "serial = serial",
              "default_md = sha256",
              "policy = any",
              "unique_subject = no",
              "[ any ]",
              "commonName = supplied",
              ""));
      Files.writeString(dir.resolve("index.txt"), "");
      Files.writeString(dir.resolve("serial"), "1000\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    openssl(
        "expired-server-csr",
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        "expired-server.key",
        "-out",
        "expired-server.csr",
        "-subj",
        "/CN=127.0.0.1");
    openssl(
        "expired-server",
        "ca",
        "-batch",
        "-notext",
        "-config",
        "ca.cnf",
        "-cert",
        "ca.crt",
        "-keyfile",
        "ca.key",
        "-in",
        "expired-server.csr",
        "-out",
        "expired-server.crt",
        "-startdate",
        notBefore,
        "-enddate",
        notAfter,
        "-extfile",
        "server.ext");
    return dir.resolve("expired-server.crt");
  }

  private void selfSigned(String name, String subject) {
    openssl(
        name,
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        name + ".key",
        "-out",
        name + ".crt",
        "-days",
        "2",
        "-subj",
        "/CN=" + subject,
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign");
  }

  private void signed(String name, String subject, String ca, String extensions) {
    openssl(
        name + "-csr",
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        name + ".key",
        "-out",
        name + ".csr",
        "-subj",
        "/CN=" + subject);
    openssl(
        name,
        "x509",
        "-req",
        "-in",
        name + ".csr",
        "-CA",
        ca + ".crt",
        "-CAkey",
        ca + ".key",
        "-CAcreateserial",
        "-out",
        name + ".crt",
        "-days",
        "2",
        "-extfile",
        extensions);
  }

  private void openssl(String step, String... args) {
    List<String> command = new ArrayList<>(List.of(Tool.OPENSSL.path()));
    command.addAll(List.of(args));
    int exit = RunningProcess.run("openssl-" + step, command, dir, Duration.ofSeconds(30));
    if (exit != 0) {
      throw new AssertionError("openssl " + step + " failed (exit " + exit + "), see " + dir);
    }
  }
}

package io.sipexporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipexporter.catalog.Check;
import io.sipexporter.catalog.CodeClass;
import io.sipexporter.catalog.ResponseCodeCatalog;
import io.sipexporter.catalog.Triage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the catalogue's commands that work offline, with the real tools: every tshark command (live
 * capture swapped for a small generated pcap) and every display filter alone, and the 437 steps
 * (fetch the certificate with curl, inspect and verify it with openssl) against a self-signed
 * certificate this test makes, which they must show to be self-signed and untrusted.
 */
class CatalogueCommandsIT {
  private static final ResponseCodeCatalog CATALOG = ResponseCodeCatalog.load();
  private static final Pattern FILTER = Pattern.compile("-Y '([^']+)'");
  private static final String IDENTITY_PAYLOAD =
      "{\"attest\":\"A\",\"dest\":{\"tn\":[\"15551230000\"]},\"iat\":1764720000,"
          + "\"orig\":{\"tn\":\"15551234567\"},\"origid\":\"de305d54\"}";

  private static Path dir;
  private static Path pcap;
  private static String identity;

  @BeforeAll
  static void capture() throws IOException {
    dir = TestDirs.fresh("CatalogueCommandsIT");
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    identity =
        url.encodeToString(
                "{\"alg\":\"ES256\",\"ppt\":\"shaken\",\"typ\":\"passport\"}"
                    .getBytes(StandardCharsets.UTF_8))
            + "."
            + url.encodeToString(IDENTITY_PAYLOAD.getBytes(StandardCharsets.UTF_8))
            + "."
            + url.encodeToString(new byte[64]);
    String invite =
        "INVITE sip:+15551230000@b.example SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-cat1\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:+15551234567@a.example>;tag=a1\r\n"
            + "To: <sip:+15551230000@b.example>\r\n"
            + "Call-ID: catalogue-it-1\r\n"
            + "CSeq: 1 INVITE\r\n"
            + "Identity: "
            + identity
            + ";info=<https://cert.a.example/sp.pem>;alg=ES256;ppt=shaken\r\n"
            + "Content-Length: 0\r\n\r\n";
    String response =
        "SIP/2.0 437 Unsupported Credential\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-cat1\r\n"
            + "From: <sip:+15551234567@a.example>;tag=a1\r\n"
            + "To: <sip:+15551230000@b.example>;tag=b1\r\n"
            + "Call-ID: catalogue-it-1\r\n"
            + "CSeq: 1 INVITE\r\n"
            + "Content-Length: 0\r\n\r\n";
    pcap = dir.resolve("small.pcap");
    Files.write(pcap, pcap(invite, response));
  }

  @Test
  void everyTsharkCommandAndDisplayFilterRunsOnACaptureFile() throws Exception {
    Set<String> filters = new LinkedHashSet<>();
    Set<String> commands = new LinkedHashSet<>(commands("tshark"));
    for (String command : commands) {
      Matcher m = FILTER.matcher(command);
      while (m.find()) {
        filters.add(m.group(1));
      }
      // the same command reading the generated capture instead of capturing live: one tshark run
      // both compiles its display filter (-Y) and checks its output fields (-e) and options
      String offline =
          flatten(command).replace("-i any", "-r " + pcap).replaceAll(" -f '[^']*'", "");
      assertThat(offline).as(command).contains("-r " + pcap).doesNotContain("-i ");
      Result r = run(List.of("bash", "-c", offline), Map.of());
      assertThat(r.exit()).as("%s\n%s", offline, r.output()).isZero();
      assertThat(r.output()).as(offline).doesNotContain("Some fields aren't valid");
    }
    assertThat(filters).hasSizeGreaterThan(60);
    assertThat(commands.stream().filter(c -> c.contains("-Y '")).count())
        .as("every filter was run by a command")
        .isGreaterThanOrEqualTo(filters.size());
    // the check can fail: a filter or a field tshark does not know is refused
    String tshark = Tool.TSHARK.path();
    assertThat(
            run(List.of(tshark, "-r", pcap.toString(), "-Y", "sip.No-Such == 1"), Map.of()).exit())
        .isNotZero();
    assertThat(
            run(
                    List.of(tshark, "-r", pcap.toString(), "-T", "fields", "-e", "sip.No-Such"),
                    Map.of())
                .exit())
        .isNotZero();
    // and they find what they look for
    String identities =
        flatten(commands(437).get(0)).replace("-i any", "-r " + pcap).replaceAll(" -f '[^']*'", "");
    assertThat(run(List.of("bash", "-c", identities), Map.of()).output())
        .contains(identity + ";info=<https://cert.a.example/sp.pem>");
    assertThat(
            run(List.of(tshark, "-r", pcap.toString(), "-Y", "sip.Status-Code == 437"), Map.of())
                .output())
        .contains("437 Unsupported Credential");
  }

  @Test
  void the437StepsShowASelfSignedCertificateIsUntrusted() throws Exception {
    Path work = Files.createDirectories(dir.resolve("437"));
    // what a careless signer publishes: a self-signed certificate; and the verifier's trust list
    openssl(
        work,
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        "sp.key",
        "-out",
        "published.pem",
        "-days",
        "30",
        "-subj",
        "/CN=SHAKEN 1234/O=Careless Carrier");
    openssl(
        work,
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "sti-ca-roots.pem",
        "-days",
        "30",
        "-subj",
        "/CN=Test STI-CA Root");
    Map<String, String> env = Map.of("INFO_URL", work.resolve("published.pem").toUri().toString());

    List<String> steps = new ArrayList<>();
    for (String command : commands(437)) {
      if (command.startsWith("curl") || command.startsWith("openssl")) {
        steps.add(command);
      }
    }
    assertThat(steps).hasSize(4);
    Tool.CURL.path();
    Result fetched = run(List.of("bash", "-c", steps.get(0)), env, work);
    assertThat(fetched.exit()).as(fetched.output()).isZero();
    assertThat(work.resolve("cert.pem")).hasSameBinaryContentAs(work.resolve("published.pem"));

    Result dates = run(List.of("bash", "-c", steps.get(1)), env, work);
    assertThat(dates.exit()).as(dates.output()).isZero();
    assertThat(dates.output()).contains("notBefore=", "notAfter=");
    String issuer = line(dates.output(), "issuer=");
    String subject = line(dates.output(), "subject=");
    assertThat(issuer).contains("SHAKEN 1234").isEqualTo(subject); // self-signed

    Result chain = run(List.of("bash", "-c", steps.get(2)), env, work);
    assertThat(chain.exit()).as(chain.output()).isZero();
    assertThat(chain.output().lines().filter(l -> l.startsWith("subject=")).count())
        .as("one certificate, no intermediates")
        .isEqualTo(1);

    Result verify = run(List.of("bash", "-c", steps.get(3)), env, work);
    assertThat(verify.exit()).as(verify.output()).isNotZero();
    assertThat(verify.output())
        .containsPattern("self[- ]signed certificate")
        .doesNotContain(": OK");
  }

  @Test
  void the438DecodeShowsThePassportClaims() throws Exception {
    String decode = commands(438).get(0);
    assertThat(decode).contains("$IDENTITY");
    Result r = run(List.of("bash", "-c", decode), Map.of("IDENTITY", identity));
    assertThat(r.output()).contains(IDENTITY_PAYLOAD);
  }

  private static List<String> commands(String tool) {
    List<Triage> all = new ArrayList<>();
    CATALOG.registered().forEach(c -> all.add(c.triage()));
    for (CodeClass cc : CodeClass.values()) {
      all.add(CATALOG.guidance(cc).triage());
    }
    List<String> out = new ArrayList<>();
    for (Triage t : all) {
      for (Check c : t.checks()) {
        if (c.command().startsWith(tool)) {
          out.add(c.command());
        }
      }
    }
    return out;
  }

  private static List<String> commands(int code) {
    return CATALOG.lookup(code).triage().checks().stream()
        .map(Check::command)
        .filter(c -> !c.isEmpty())
        .toList();
  }

  private static String flatten(String command) {
    return command.replaceAll("\\s*\\\\\\n\\s*", " ");
  }

  private static String line(String output, String prefix) {
    return output
        .lines()
        .filter(l -> l.startsWith(prefix))
        .findFirst()
        .orElseThrow()
        .substring(prefix.length())
        .strip();
  }

  private static void openssl(Path work, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Tool.OPENSSL.path()));
    command.addAll(List.of(args));
    Result r = run(command, Map.of(), work);
    assertThat(r.exit()).as("openssl %s\n%s", args[0], r.output()).isZero();
  }

  private record Result(int exit, String output) {}

  private static Result run(List<String> command, Map<String, String> env) throws Exception {
    return run(command, env, dir);
  }

  private static Result run(List<String> command, Map<String, String> env, Path in)
      throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    Process p = pb.start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread reader =
        new Thread(
            () -> {
              try {
                p.getInputStream().transferTo(out);
              } catch (IOException e) {
                // the process ended; what was read is kept
              }
            });
    reader.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("still running after 60 s: " + command);
    }
    reader.join(5000);
    return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8));
  }

  /** A classic pcap (Ethernet) holding each message as one UDP datagram 192.0.2.1 -> .2:5060. */
  private static byte[] pcap(String... messages) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    header.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0);
    header.putInt(65535).putInt(1);
    out.writeBytes(header.array());
    int second = 1_764_720_000;
    for (String message : messages) {
      byte[] sip = message.getBytes(StandardCharsets.US_ASCII);
      ByteBuffer frame = ByteBuffer.allocate(14 + 20 + 8 + sip.length).order(ByteOrder.BIG_ENDIAN);
      frame.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
      int ipStart = frame.position();
      frame.put((byte) 0x45).put((byte) 0).putShort((short) (20 + 8 + sip.length));
      frame
          .putShort((short) 1)
          .putShort((short) 0)
          .put((byte) 64)
          .put((byte) 17)
          .putShort((short) 0);
      frame.put(new byte[] {(byte) 192, 0, 2, 1}).put(new byte[] {(byte) 192, 0, 2, 2});
      frame.putShort(ipStart + 10, ipChecksum(frame.array(), ipStart));
      frame.putShort((short) 5060).putShort((short) 5060).putShort((short) (8 + sip.length));
      frame.putShort((short) 0).put(sip);
      ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
      record.putInt(second++).putInt(0).putInt(frame.capacity()).putInt(frame.capacity());
      out.writeBytes(record.array());
      out.writeBytes(frame.array());
    }
    return out.toByteArray();
  }

  private static short ipChecksum(byte[] b, int start) {
    int sum = 0;
    for (int i = start; i < start + 20; i += 2) {
      sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }
    while ((sum >> 16) != 0) {
      sum = (sum & 0xffff) + (sum >> 16);
    }
    return (short) ~sum;
  }
}

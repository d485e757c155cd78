package io.sipexporter.e2e;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** An external program the ops tests run, and the Debian package that provides it. */
public enum Tool {
  SIPP("sipp", "sip-tester"),
  KAMAILIO("kamailio", "kamailio"),
  TSHARK("tshark", "tshark"),
  PROMETHEUS("prometheus", "prometheus"),
  PROMTOOL("promtool", "prometheus"),
  ALERTMANAGER("prometheus-alertmanager", "prometheus-alertmanager"),
  AMTOOL("amtool", "prometheus-alertmanager"),
  OPENSSL("openssl", "openssl"),
  CURL("curl", "curl");

  private final String executable;
  private final String aptPackage;

  Tool(String executable, String aptPackage) {
    this.executable = executable;
    this.aptPackage = aptPackage;
  }

  /** The program's name, as on the PATH. */
  public String executable() {
    return executable;
  }

  /** The Debian package that installs it. */
  public String aptPackage() {
    return aptPackage;
  }

  /**
   * The program's absolute path. Fails the test (never skips it) when the program is missing,
   * naming the package to install.
   */
  public String path() {
    List<String> dirs = new ArrayList<>();
    String env = System.getenv("PATH");
    if (env != null) {
      dirs.addAll(List.of(env.split(File.pathSeparator)));
    }
    // kamailio lives in /usr/sbin, which a non-root PATH often lacks
    dirs.addAll(List.of("/usr/local/sbin", "/usr/sbin", "/sbin"));
    for (String dir : dirs) {
      Path candidate = Path.of(dir, executable);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new AssertionError(
        executable + " not found on PATH or in /usr/sbin: apt-get install -y " + aptPackage);
  }
}

package io.sipexporter.cli;

import io.sipexporter.metrics.BuildInfo;
import picocli.CommandLine;

/** Answers {@code --version} from the build's version and git revision. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    BuildInfo build = BuildInfo.load();
    return new String[] {
      "sip-exporter " + build.version() + " (revision " + build.revision() + ")"
    };
  }
}

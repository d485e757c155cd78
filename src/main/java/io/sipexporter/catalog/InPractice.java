package io.sipexporter.catalog;

import java.util.List;
import java.util.Optional;

/**
 * What a code means on real networks beyond its RFC: who may have generated it, what common SIP
 * servers mean by it, and the Q.850 cause a PSTN gateway releases the call with when it gets it.
 *
 * @param origin how to tell a received response from a locally generated one; only for codes
 *     elements also make themselves
 * @param platforms notes per platform, in {@link Platform} order; only where a platform's use
 *     differs from the RFC's
 * @param isupCause the Q.850 cause RFC 3398 7.2.4.1 maps the code to (an ISUP gateway's release
 *     cause on receiving it); 0 where the RFC gives none
 */
public record InPractice(Optional<Origin> origin, List<PlatformNote> platforms, int isupCause) {
  /** Nothing beyond the RFC: unregistered codes, and codes without notes. */
  public static final InPractice NONE = new InPractice(Optional.empty(), List.of(), 0);

  /** The RFC 3398 section the ISUP mapping follows. */
  public static final String ISUP_MAPPING = "RFC 3398 7.2.4.1";

  public InPractice {
    platforms = List.copyOf(platforms);
  }

  /** True when a PSTN gateway has a Q.850 cause for the code. */
  public boolean hasIsupCause() {
    return isupCause != 0;
  }
}

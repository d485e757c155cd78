package io.sipexporter.net;

/** A listener or server could not be started; the message names which and why. */
public final class ListenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ListenException(String message, Throwable cause) {
    super(message, cause);
  }
}

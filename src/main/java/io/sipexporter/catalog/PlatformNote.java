package io.sipexporter.catalog;

/** What one SIP server usually means by a code, where that differs from the RFC's reading. */
public record PlatformNote(Platform platform, String note) {}

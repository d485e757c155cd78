#!/usr/bin/env python3
# Writes pcapng-big-endian-tsresol.hex, a commented hex pcapng vector.
import struct
import os
OUT = os.path.dirname(os.path.abspath(__file__)) + "/"
def frame():
    sip = b"OPTIONS sip:b@192.0.2.2 SIP/2.0\r\nCSeq: 1 OPTIONS\r\n\r\n"
    udp = struct.pack(">HHHH", 5060, 5060, 8 + len(sip), 0) + sip
    return struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0, bytes([192,0,2,1]), bytes([192,0,2,2])) + udp, sip
rows = []
def r(b, c): rows.append((b, c))
def pad(b): return b + b"\0" * (-len(b) % 4)
ip, sip = frame()
# SHB big-endian
r(bytes.fromhex("0a0d0d0a"), "SHB: block type 0x0A0D0D0A"); r(struct.pack(">I", 28), "  block total length 28")
r(bytes.fromhex("1a2b3c4d"), "  byte-order magic: big-endian section"); r(struct.pack(">HH", 1, 0), "  version 1.0")
r(b"\xff" * 8, "  section length -1 (unknown)"); r(struct.pack(">I", 28), "  block total length 28")
# IDB 0: LINKTYPE_IPV4 with if_tsresol = 9 (ns)
r(struct.pack(">II", 1, 32), "IDB 0: block type 1, total length 32"); r(struct.pack(">HHI", 228, 0, 65535), "  link type 228 (IPv4), reserved, snap length 65535")
r(struct.pack(">HHB3x", 9, 1, 9), "  option if_tsresol (9), length 1: 9 = nanoseconds, padded"); r(struct.pack(">HH", 0, 0), "  opt_endofopt")
r(struct.pack(">I", 32), "  block total length 32")
# custom block to skip
r(struct.pack(">II", 0x00000BAD, 16), "Custom Block (type 0x00000BAD), length 16: skipped by length"); r(b"junk", "  body"); r(struct.pack(">I", 16), "  block total length 16")
# EPB
data = pad(ip); L = 32 + len(data)
ts = 1700000000 * 10**9 + 123456789
r(struct.pack(">II", 6, L), f"EPB: block type 6, total length {L}"); r(struct.pack(">I", 0), "  interface 0")
r(struct.pack(">II", ts >> 32, ts & 0xffffffff), "  timestamp 1700000000.123456789 s in ns units (high, low)")
r(struct.pack(">II", len(ip), len(ip)), f"  captured {len(ip)}, original {len(ip)}")
r(ip[:20], "  IPv4 header 192.0.2.1 -> 192.0.2.2, UDP"); r(ip[20:28], "  UDP 5060 -> 5060")
r(ip[28:], "  " + sip.decode().replace("\r\n", "\\r\\n")); r(b"\0" * (len(data) - len(ip)), "  padding to 32 bits")
r(struct.pack(">I", L), f"  block total length {L}")
# SPB
L = 16 + len(data)
r(struct.pack(">II", 3, L), f"SPB: block type 3, total length {L} (interface 0, no timestamp)"); r(struct.pack(">I", len(ip)), f"  original length {len(ip)}")
r(ip, "  the same IPv4/UDP OPTIONS"); r(b"\0" * (len(data) - len(ip)), "  padding")
r(struct.pack(">I", L), f"  block total length {L}")
# EPB on unknown interface
L = 32
r(struct.pack(">II", 6, L), "EPB on interface 5, which no IDB described: pcap_unknown_interface"); r(struct.pack(">IIIII", 5, 0, 0, 0, 0), "  interface 5, ts 0, captured 0, original 0")
r(struct.pack(">I", L), "  block total length 32")
with open(OUT + "pcapng-big-endian-tsresol.hex", "w") as f:
    f.write("# pcapng, big-endian section: SHB, IDB (LINKTYPE_IPV4, if_tsresol=9), a custom block, EPB, SPB,\n")
    f.write("# and an EPB on an undescribed interface. Hand-built from draft-ietf-opsawg-pcapng;\n")
    f.write("# tshark reads the bytes: EPB time 2023-11-14 22:13:20.123456789, then rejects interface 5.\n")
    for b, c in rows:
        f.write(f"{b.hex(' '):<48} # {c}\n")

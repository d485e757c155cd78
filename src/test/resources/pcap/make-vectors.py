#!/usr/bin/env python3
# Regenerates the pcap test vectors: synthetic frames via text2pcap (one per link type, IP
# fragments, reordered TCP, HEP in UDP) and real sipp uac->uas traffic captured by tshark on lo
# (needs root). Prints tshark -z sip,stat for each file: the counts PacketDecoderTest expects.
import struct, subprocess, os
OUT = os.path.dirname(os.path.abspath(__file__)) + "/"
def sip_req(method, callid, cseq, extra_len=0):
    body = b"x" * extra_len
    return (f"{method} sip:bob@192.0.2.2 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-{callid}\r\n"
            f"From: <sip:alice@192.0.2.1>;tag=a\r\nTo: <sip:bob@192.0.2.2>\r\nCall-ID: {callid}\r\nCSeq: {cseq} {method}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode() + body
def sip_resp(code, reason, method, callid, cseq):
    return (f"SIP/2.0 {code} {reason}\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-{callid}\r\n"
            f"From: <sip:alice@192.0.2.1>;tag=a\r\nTo: <sip:bob@192.0.2.2>;tag=b\r\nCall-ID: {callid}\r\nCSeq: {cseq} {method}\r\n"
            f"Content-Length: 0\r\n\r\n").encode()
A4, B4 = bytes([192,0,2,1]), bytes([192,0,2,2])
A6, B6 = bytes.fromhex("20010db8"+"00"*11+"01"), bytes.fromhex("20010db8"+"00"*11+"02")
def udp(sp, dp, data): return struct.pack(">HHHH", sp, dp, 8 + len(data), 0) + data
def tcp(sp, dp, seq, flags, data=b""):
    return struct.pack(">HHIIBBHHH", sp, dp, seq, 0, 5 << 4, flags, 65535, 0, 0) + data
def ip4(proto, payload, src=A4, dst=B4, ident=1, mf=0, off=0, total_override=None):
    return struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident, (mf << 13) | (off // 8), 64, proto, 0, src, dst) + payload
def ip6(nh, payload, src=A6, dst=B6):
    return struct.pack(">IHBB16s16s", 6 << 28, len(payload), nh, 64, src, dst) + payload
def eth(ethertype, payload, tags=()):
    h = bytes.fromhex("020000000002" "020000000001")
    for tpid, vid in tags: h += struct.pack(">HH", tpid, vid)
    return h + struct.pack(">H", ethertype) + payload
def sll(proto, payload): return struct.pack(">HHH8sH", 0, 772, 6, b"\0"*8, proto) + payload
def sll2(proto, payload): return struct.pack(">HHIHBB8s", proto, 0, 1, 772, 0, 6, b"\0"*8) + payload
def null_le(fam, payload): return struct.pack("<I", fam) + payload
def loop_be(fam, payload): return struct.pack(">I", fam) + payload
def write(name, linktype, frames, fmt):
    txt = ""
    for f in frames:
        for i in range(0, len(f), 16):
            txt += "%06x " % i + " ".join("%02x" % b for b in f[i:i+16]) + "\n"
        txt += "\n"
    open(OUT + ".t.txt", "w").write(txt)
    subprocess.run(["text2pcap", "-q", "-l", str(linktype), "-F", fmt, OUT + ".t.txt", OUT + name], check=True)
    os.remove(OUT + ".t.txt")
    r = subprocess.run(["tshark", "-r", OUT + name, "-q", "-z", "sip,stat"], capture_output=True, text=True)
    lines = [l.strip() for l in r.stdout.splitlines() if "Packets" in l or "messages" in l]
    print(name, "|", "; ".join(lines))

opt, ok = sip_req("OPTIONS", "c1", 1), sip_resp(200, "OK", "OPTIONS", "c1", 1)
u4 = lambda d, rev=False: ip4(17, udp(5060, 5060, d), *( (B4, A4) if rev else (A4, B4)))
u6 = lambda d, rev=False: ip6(17, udp(5060, 5060, d), *( (B6, A6) if rev else (A6, B6)))
write("eth-qinq-vlan-udp.pcap", 1, [eth(0x0800, u4(opt), [(0x88a8, 100), (0x8100, 200)]), eth(0x0800, u4(ok, True), [(0x8100, 200)])], "pcap")
write("sll-udp.pcap", 113, [sll(0x0800, u4(opt)), sll(0x0800, u4(ok, True))], "pcap")
write("sll2-ipv6-udp.pcapng", 276, [sll2(0x86dd, u6(opt)), sll2(0x86dd, u6(ok, True))], "pcapng")
write("raw-ip-udp.pcap", 101, [u4(opt), u6(ok, True)], "pcap")
write("ipv4-udp.pcap", 228, [u4(opt), u4(ok, True)], "pcap")
write("ipv6-udp.pcapng", 229, [u6(opt), u6(ok, True)], "pcapng")
write("null-udp.pcap", 0, [null_le(2, u4(opt)), null_le(30, u6(ok, True))], "pcap")
write("loop-udp.pcap", 108, [loop_be(2, u4(opt)), loop_be(24, u6(ok, True))], "pcap")

# IPv4 fragments: a 3000-byte INVITE in three fragments, sent 3rd, 1st, 2nd; a lone first fragment never completes
inv = udp(5060, 5060, sip_req("INVITE", "frag4", 1, 2600))
parts = [(0, inv[0:1200], 1), (1200, inv[1200:2400], 1), (2400, inv[2400:], 0)]
fr = [eth(0x0800, ip4(17, p, ident=77, mf=m, off=o)) for o, p, m in parts]
lone = eth(0x0800, ip4(17, udp(5060, 5060, sip_req("INVITE", "lost", 1, 2000))[:1200], ident=78, mf=1, off=0))
write("eth-ipv4-fragments.pcapng", 1, [fr[2], fr[0], lone, fr[1], eth(0x0800, u4(sip_resp(100, "Trying", "INVITE", "frag4", 1), True))], "pcapng")

# IPv6: hop-by-hop options, then a fragment header; a 2000-byte MESSAGE in two fragments
msg = udp(5060, 5060, sip_req("MESSAGE", "frag6", 1, 1800))
hbh = bytes([44, 0]) + bytes([1, 4, 0, 0, 0, 0])  # next = fragment, len 0 (8 bytes), PadN
def frag6(off, m, data): return bytes([17, 0]) + struct.pack(">HI", off | m, 0xabcdef) + data
f6 = [eth(0x86dd, ip6(0, hbh + frag6(0, 1, msg[:1232]))), eth(0x86dd, ip6(0, hbh + frag6(1232, 0, msg[1232:])))]
write("eth-ipv6-fragments.pcapng", 1, [f6[1], f6[0]], "pcapng")

# TCP: SYN, a REGISTER split in three segments sent 1, 3, 2 (+ a retransmission of 1), then two
# responses in one segment the other way, then FIN both ways
reg = sip_req("REGISTER", "tcp1", 1).replace(b"UDP", b"TCP")
r100 = sip_resp(100, "Trying", "REGISTER", "tcp1", 1).replace(b"UDP", b"TCP")
r200 = sip_resp(200, "OK", "REGISTER", "tcp1", 1).replace(b"UDP", b"TCP")
s1, s2, s3 = reg[:50], reg[50:130], reg[130:]
C, S = 1000, 5000
t = lambda sp, dp, seq, fl, d=b"", rev=False: eth(0x0800, ip4(6, tcp(sp, dp, seq, fl, d), *((B4, A4) if rev else (A4, B4))))
frames = [t(40000, 5060, C, 0x02), t(5060, 40000, S, 0x12, rev=True), t(40000, 5060, C + 1, 0x10),
          t(40000, 5060, C + 1, 0x18, s1), t(40000, 5060, C + 1 + 130, 0x18, s3), t(40000, 5060, C + 1, 0x18, s1),
          t(40000, 5060, C + 1 + 50, 0x18, s2), t(5060, 40000, S + 1, 0x18, r100 + r200, rev=True),
          t(40000, 5060, C + 1 + len(reg), 0x11), t(5060, 40000, S + 1 + len(r100) + len(r200), 0x11, rev=True)]
write("eth-tcp-reordered.pcapng", 1, frames, "pcapng")

# HEPv3 inside UDP to port 9060: the kind guess says HEP
hep = bytes.fromhex("".join(l.split("#")[0] for l in open(OUT + "../hep/hep3-ipv4-sip.hex")).replace(" ", "").replace("\n", ""))
write("eth-hep3-udp.pcap", 1, [eth(0x0800, ip4(17, udp(40001, 9060, hep)))], "pcap")

# nanosecond classic pcap
subprocess.run(["editcap", "-F", "nsecpcap", OUT + "ipv4-udp.pcap", OUT + "ipv4-udp-nsec.pcap"], check=True)

# real traffic: sipp uac -> sipp uas on loopback, 3 calls, UDP (pcapng) and TCP (classic pcap)
import time, signal
def live(name, port, fmt, transport):
    cap = subprocess.Popen(["tshark", "-q", "-i", "lo", "-f", f"port {port}", "-F", fmt, "-w", OUT + name],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    while "Capturing on" not in cap.stderr.readline(): pass
    uas = subprocess.Popen(["sipp", "-sn", "uas", "-i", "127.0.0.1", "-p", str(port), "-t", transport, "-nostdin"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    subprocess.run(["timeout", "20", "sipp", "-sn", "uac", f"127.0.0.1:{port}", "-i", "127.0.0.1", "-t", transport,
                    "-m", "3", "-nostdin", "-timeout", "15s"], stdout=subprocess.DEVNULL, check=True)
    time.sleep(0.5)
    uas.terminate(); uas.wait()
    time.sleep(0.5)
    cap.terminate(); cap.wait()
    r = subprocess.run(["tshark", "-r", OUT + name, "-d", f"{transport[0] == 't' and 'tcp' or 'udp'}.port=={port},sip",
                        "-q", "-z", "sip,stat"], capture_output=True, text=True)
    print(name, "|", "; ".join(l.strip() for l in r.stdout.splitlines() if "Packets" in l))
live("sipp-3calls-udp.pcapng", 25060, "pcapng", "u1")
live("sipp-3calls-tcp.pcap", 25061, "pcap", "t1")

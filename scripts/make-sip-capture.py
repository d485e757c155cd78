#!/usr/bin/env python3
"""Writes a classic pcap of synthetic SIP calls over UDP, for benchmarks.

Each call is the seven messages of sipp's uac scenario (INVITE, 100 Trying, 180 Ringing, 200 OK,
ACK, BYE, 200 OK) between 10.0.0.1:5060 and 10.0.0.2:5060 on Ethernet, with its own Call-ID,
tags and Via branches, one message per millisecond of capture time. The output depends only on
the arguments, so the same command gives the same file everywhere.

    scripts/make-sip-capture.py --messages 1000000 /tmp/sip-1m.pcap
"""
import argparse
import struct

A, B = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
MAC_A, MAC_B = bytes.fromhex("020000000001"), bytes.fromhex("020000000002")
SDP = ("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
       "m=audio 6000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n")


def messages(i):
    call = f"{i}-bench@10.0.0.1"
    ft, tt = f"f{i}", f"t{i}"
    inv, bye = f"z9hG4bK-i{i}", f"z9hG4bK-b{i}"
    def req(method, branch, cseq, to_tag, body=""):
        to = f"<sip:bob@10.0.0.2>" + (f";tag={to_tag}" if to_tag else "")
        return (f"{method} sip:bob@10.0.0.2:5060 SIP/2.0\r\n"
                f"Via: SIP/2.0/UDP 10.0.0.1:5060;branch={branch}\r\n"
                f"From: <sip:alice@10.0.0.1>;tag={ft}\r\nTo: {to}\r\nCall-ID: {call}\r\n"
                f"CSeq: {cseq} {method}\r\nContact: <sip:alice@10.0.0.1:5060>\r\nMax-Forwards: 70\r\n"
                + ("Content-Type: application/sdp\r\n" if body else "")
                + f"Content-Length: {len(body)}\r\n\r\n{body}")
    def resp(code, reason, branch, cseq, method, to_tag, body=""):
        to = f"<sip:bob@10.0.0.2>" + (f";tag={to_tag}" if to_tag else "")
        return (f"SIP/2.0 {code} {reason}\r\n"
                f"Via: SIP/2.0/UDP 10.0.0.1:5060;branch={branch}\r\n"
                f"From: <sip:alice@10.0.0.1>;tag={ft}\r\nTo: {to}\r\nCall-ID: {call}\r\n"
                f"CSeq: {cseq} {method}\r\n"
                + ("Contact: <sip:bob@10.0.0.2:5060>\r\nContent-Type: application/sdp\r\n" if body else "")
                + f"Content-Length: {len(body)}\r\n\r\n{body}")
    return [
        (True, req("INVITE", inv, 1, None, SDP)),
        (False, resp(100, "Trying", inv, 1, "INVITE", None)),
        (False, resp(180, "Ringing", inv, 1, "INVITE", tt)),
        (False, resp(200, "OK", inv, 1, "INVITE", tt, SDP)),
        (True, req("ACK", f"z9hG4bK-a{i}", 1, tt)),
        (True, req("BYE", bye, 2, tt)),
        (False, resp(200, "OK", bye, 2, "BYE", tt)),
    ]


def checksum(header):
    s = sum(struct.unpack("!10H", header))
    s = (s & 0xFFFF) + (s >> 16)
    s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def frame(forward, payload, ident):
    src, dst = (A, B) if forward else (B, A)
    udp = struct.pack("!HHHH", 5060, 5060, 8 + len(payload), 0) + payload
    ip = bytearray(struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), ident & 0xFFFF, 0x4000, 64, 17, 0, src, dst))
    ip[10:12] = struct.pack("!H", checksum(bytes(ip)))
    eth = (MAC_B + MAC_A if forward else MAC_A + MAC_B) + b"\x08\x00"
    return eth + bytes(ip) + udp


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1_000_000, help="SIP messages to write (whole calls)")
    parser.add_argument("--start", type=int, default=1_767_225_600, help="first timestamp, epoch seconds")
    parser.add_argument("out")
    args = parser.parse_args()
    calls = (args.messages + 6) // 7
    with open(args.out, "wb") as out:
        out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        n = 0
        for i in range(calls):
            for forward, text in messages(i):
                data = frame(forward, text.encode("ascii"), n)
                micros = args.start * 1_000_000 + n * 1000
                out.write(struct.pack("<IIII", micros // 1_000_000, micros % 1_000_000, len(data), len(data)))
                out.write(data)
                n += 1
    print(f"{args.out}: {calls} calls, {n} SIP messages")


if __name__ == "__main__":
    main()

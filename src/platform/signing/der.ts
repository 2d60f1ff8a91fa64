// A minimal DER reader: enough to take a CMS SignedData apart and keep the exact bytes of the
// parts a signature covers (the signed attributes are verified over their original encoding,
// never a re-encoding).

export interface Tlv {
  tag: number;
  /** Offset of the tag byte. */
  start: number;
  /** Offset of the first content byte. */
  contentStart: number;
  /** Offset after the last content byte. */
  end: number;
}

export class DerError extends Error {
  override name = 'DerError';
}

export function readTlv(buf: Buffer, offset: number, limit = buf.length): Tlv {
  if (offset + 2 > limit) throw new DerError('truncated');
  const tag = buf[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte tags are not used in CMS');
  let len = buf[offset + 1]!;
  let p = offset + 2;
  if (len === 0x80) throw new DerError('indefinite length is not DER');
  if (len > 0x80) {
    const n = len & 0x7f;
    if (n > 4 || p + n > limit) throw new DerError('length too long');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[p + i]!;
    p += n;
  }
  if (p + len > limit) throw new DerError('content past the end');
  return { tag, start: offset, contentStart: p, end: p + len };
}

/** The elements inside a constructed value. */
export function children(buf: Buffer, tlv: Tlv): Tlv[] {
  if ((tlv.tag & 0x20) === 0) throw new DerError('not a constructed value');
  const out: Tlv[] = [];
  for (let p = tlv.contentStart; p < tlv.end; ) {
    const c = readTlv(buf, p, tlv.end);
    out.push(c);
    p = c.end;
  }
  return out;
}

export function content(buf: Buffer, tlv: Tlv): Buffer {
  return buf.subarray(tlv.contentStart, tlv.end);
}

export function whole(buf: Buffer, tlv: Tlv): Buffer {
  return buf.subarray(tlv.start, tlv.end);
}

export const TAG = { INTEGER: 0x02, OCTET_STRING: 0x04, OID: 0x06, SEQUENCE: 0x30, SET: 0x31, CONTEXT_0: 0xa0, CONTEXT_1: 0xa1 } as const;

export function expect(tlv: Tlv | undefined, tag: number, what: string): Tlv {
  if (!tlv || tlv.tag !== tag) throw new DerError(`expected ${what}`);
  return tlv;
}

export function oid(buf: Buffer, tlv: Tlv): string {
  const b = content(buf, expect(tlv, TAG.OID, 'an OID'));
  if (b.length === 0) throw new DerError('empty OID');
  const parts: number[] = [];
  let v = 0;
  for (const byte of b) {
    v = v * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      parts.push(v);
      v = 0;
    }
  }
  const first = parts.shift()!;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...parts].join('.');
}

/** An INTEGER as lowercase hex without leading zero bytes (as certificates print serials). */
export function integerHex(buf: Buffer, tlv: Tlv): string {
  const b = content(buf, expect(tlv, TAG.INTEGER, 'an INTEGER'));
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return b.subarray(i).toString('hex');
}

/** The length of one DER value at the start of buf (a signature padded with zeros in /Contents). */
export function derLength(buf: Buffer): number {
  const t = readTlv(buf, 0);
  return t.end;
}

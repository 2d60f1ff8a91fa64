// The scanning port: what the upload code asks of a virus scanner.
import type { Readable } from 'node:stream';

export type ScanResult = { clean: true } | { clean: false; signature: string };

export interface Scanner {
  /** For logs: 'off' or where clamd is. */
  readonly name: string;
  /** Scans the whole content; throws ScannerUnavailable when no verdict could be had. */
  scan(content: Readable | Buffer): Promise<ScanResult>;
}

/** The scanner did not answer (down, timed out, refused the stream): the upload must not be accepted. */
export class ScannerUnavailable extends Error {
  override name = 'ScannerUnavailable';
}

/** Scanning switched off: everything is clean. */
export class NoScanner implements Scanner {
  readonly name = 'off';
  async scan(content: Readable | Buffer): Promise<ScanResult> {
    // a stream handed in must still be consumed, or its source stays open
    if (!Buffer.isBuffer(content)) content.resume();
    return { clean: true };
  }
}

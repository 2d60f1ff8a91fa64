// A clamd client speaking its INSTREAM protocol (clamd(8), "INSTREAM"): the command
// `zINSTREAM\0`, then the content as chunks each prefixed by its length as a 4-byte
// big-endian integer, then a zero length; clamd answers `stream: OK\0`,
// `stream: <signature> FOUND\0` or `<reason> ERROR\0` and closes the connection.
// Written here rather than taken from npm: the protocol is this one paragraph, and the
// clients on npm wrap the clamscan binaries as well and are little maintained.
import net from 'node:net';
import { Readable } from 'node:stream';
import { type Scanner, ScannerUnavailable, type ScanResult } from './port';

export type ClamdAddress = { socket: string } | { host: string; port: number };

/** clamd refuses a stream longer than its StreamMaxLength (25 MB by default) with an ERROR. */
const CHUNK_BYTES = 64 * 1024;

export class ClamdScanner implements Scanner {
  readonly name: string;

  constructor(
    private readonly address: ClamdAddress,
    private readonly timeoutMs = 60_000,
  ) {
    this.name = 'socket' in address ? `clamd ${address.socket}` : `clamd ${address.host}:${address.port}`;
  }

  /** True when clamd answers PING with PONG. */
  async ping(): Promise<boolean> {
    try {
      return (await this.request('PING')) === 'PONG';
    } catch {
      return false;
    }
  }

  async scan(content: Readable | Buffer): Promise<ScanResult> {
    const reply = await this.request('INSTREAM', content);
    if (reply === 'stream: OK') return { clean: true };
    const found = /^stream: (.+) FOUND$/.exec(reply);
    if (found) return { clean: false, signature: found[1]!.replace(/\.UNOFFICIAL$/, '') };
    throw new ScannerUnavailable(`${this.name} answered "${reply}"`);
  }

  private request(command: string, body?: Readable | Buffer): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = 'socket' in this.address ? net.createConnection(this.address.socket) : net.createConnection(this.address.port, this.address.host);
      const source = body === undefined ? undefined : Buffer.isBuffer(body) ? Readable.from(chunked(body)) : body;
      const replies: Buffer[] = [];
      let settled = false;
      const settle = (err?: Error) => {
        if (settled) return;
        settled = true;
        socket.destroy();
        source?.destroy();
        if (err) reject(new ScannerUnavailable(`${this.name}: ${err.message}`));
        else resolve(Buffer.concat(replies).toString('utf8').split('\0')[0]!.trim());
      };
      socket.setTimeout(this.timeoutMs, () => settle(new Error(`no answer within ${this.timeoutMs} ms`)));
      socket.on('error', (err) => settle(err));
      socket.on('data', (data: Buffer) => {
        replies.push(data);
        if (data.includes(0)) settle();
      });
      socket.on('end', () => (replies.length > 0 ? settle() : settle(new Error('connection closed without an answer'))));
      socket.on('connect', () => {
        const send = async () => {
          socket.write(`z${command}\0`);
          if (!source) return;
          for await (const piece of source) {
            for (const chunk of chunked(Buffer.isBuffer(piece) ? piece : Buffer.from(piece as Uint8Array))) {
              const length = Buffer.alloc(4);
              length.writeUInt32BE(chunk.length);
              socket.write(length);
              if (!socket.write(chunk)) await drainOrClose(socket);
              // clamd may answer early (size limit) and close: stop sending
              if (settled) return;
            }
          }
          socket.write(Buffer.alloc(4));
        };
        send().catch((err: Error) => settle(err));
      });
    });
  }
}

function* chunked(bytes: Buffer): Generator<Buffer> {
  for (let i = 0; i < bytes.length; i += CHUNK_BYTES) yield bytes.subarray(i, i + CHUNK_BYTES);
}

function drainOrClose(socket: net.Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.once('drain', done);
    socket.once('close', done);
  });
}

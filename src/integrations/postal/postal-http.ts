// The postal service over HTTP, speaking the protocol written at the top of port.ts.
import type { PostalAddress, PostalPort, ShipmentInfo, ShipmentOrder } from './port';
import { signRequest } from './port';

export class PostalServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly field?: string,
  ) {
    super(`postal service answered ${status} (code ${code}${field ? `, field ${field}` : ''})`);
  }
}

export interface PostalHttpOptions {
  baseUrl: string;
  apiKey: string;
  secret: string;
  timeoutMs?: number;
}

export class PostalHttp implements PostalPort {
  constructor(private readonly opts: PostalHttpOptions) {}

  private async call<T>(method: 'GET' | 'POST', path: string, payload?: unknown): Promise<{ status: number; body: T }> {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const res = await fetch(new URL(path, this.opts.baseUrl), {
      method,
      headers: {
        ...(payload === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
        'x-api-key': this.opts.apiKey,
        'x-timestamp': timestamp,
        'x-signature': signRequest(this.opts.secret, timestamp, method, path, body),
      },
      ...(payload === undefined ? {} : { body }),
      signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
    });
    const answer = (await res.json().catch(() => ({}))) as T & { code?: string; field?: string };
    if (res.status >= 400 && res.status !== 404) throw new PostalServiceError(res.status, answer.code ?? '?', answer.field);
    return { status: res.status, body: answer };
  }

  async quote(input: { weightGrams: number; from: PostalAddress; to: PostalAddress }): Promise<{ fee: number; zone: string }> {
    const { body } = await this.call<{ fee: number; zone: string }>('POST', '/v1/quotes', input);
    if (!Number.isSafeInteger(body.fee)) throw new PostalServiceError(502, 'bad_answer');
    return { fee: body.fee, zone: body.zone };
  }

  async createShipment(order: ShipmentOrder): Promise<{ trackingNumber: string; fee: number; duplicate: boolean }> {
    const { status, body } = await this.call<{ trackingNumber?: string; fee?: number; duplicate?: boolean }>('POST', '/v1/shipments', order);
    if (status === 404 || !body.trackingNumber || !Number.isSafeInteger(body.fee)) throw new PostalServiceError(status, 'bad_answer');
    return { trackingNumber: body.trackingNumber, fee: body.fee!, duplicate: body.duplicate === true };
  }

  async getShipment(trackingNumber: string): Promise<ShipmentInfo | undefined> {
    const { status, body } = await this.call<ShipmentInfo>('GET', `/v1/shipments/${encodeURIComponent(trackingNumber)}`);
    return status === 404 ? undefined : body;
  }

  async cancel(trackingNumber: string): Promise<void> {
    const { status } = await this.call('POST', `/v1/shipments/${encodeURIComponent(trackingNumber)}/cancel`, {});
    if (status === 404) throw new PostalServiceError(404, 'not_found');
  }
}

import type { SmsMessage, SmsPort } from './port';
import { sign, toInternational } from './protocol';

export class SmsGatewayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`SMS gateway answered ${status} (code ${code})`);
  }
}

export interface SmsGatewayOptions {
  baseUrl: string;
  partnerId: string;
  secret: string;
  brandname: string;
  timeoutMs?: number;
}

/** SMS through an HTTP gateway that checks an HMAC signature (protocol.ts). */
export class HttpSmsGateway implements SmsPort {
  constructor(private readonly opts: SmsGatewayOptions) {}

  async send(message: SmsMessage): Promise<{ providerId: string }> {
    const body = JSON.stringify({ requestId: message.id, phone: toInternational(message.to), message: message.text, brandname: this.opts.brandname });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const res = await fetch(new URL('/v1/sms', this.opts.baseUrl), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-partner': this.opts.partnerId,
        'x-timestamp': timestamp,
        'x-signature': sign(this.opts.secret, timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
    });
    const answer = (await res.json().catch(() => ({}))) as { code?: string; messageId?: string };
    if (res.status !== 200 || answer.code !== '00' || !answer.messageId) throw new SmsGatewayError(res.status, answer.code ?? '?');
    return { providerId: answer.messageId };
  }
}

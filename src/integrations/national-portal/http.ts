// The national portal over HTTP, speaking the protocol in simulators/national-portal.ts.
// An item counts as delivered only when the portal acknowledges it (200 with an ackId); a
// network error, a timeout, 5xx, 408 and 429 are retryable; any other refusal is final.
import { type DossierEventPush, type NationalPortalPort, type OnlineLevelPush, PortalRefused, type PushAck, signedHeaders } from './port';

export interface NationalPortalHttpOptions {
  baseUrl: string;
  clientId: string;
  secret: string;
  timeoutMs?: number;
}

export class NationalPortalHttp implements NationalPortalPort {
  constructor(private readonly opts: NationalPortalHttpOptions) {}

  pushDossierEvent(item: DossierEventPush): Promise<PushAck> {
    return this.push('/api/v1/dossier-events', item);
  }

  pushOnlineLevel(item: OnlineLevelPush): Promise<PushAck> {
    return this.push('/api/v1/online-levels', item);
  }

  private async push(path: string, item: { idempotencyKey: string }): Promise<PushAck> {
    const body = JSON.stringify(item);
    let res: Response;
    try {
      res = await fetch(new URL(path, this.opts.baseUrl), {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'idempotency-key': item.idempotencyKey,
          ...signedHeaders(this.opts.clientId, this.opts.secret, 'POST', path, body),
        },
        body,
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
      });
    } catch (err) {
      throw new PortalRefused(0, 'unreachable', `Không kết nối được Cổng DVC quốc gia: ${(err as Error).message}`, true);
    }
    const answer = (await res.json().catch(() => ({}))) as { ackId?: unknown; duplicate?: unknown; error?: { code?: string; message?: string } };
    if (res.status === 200 && typeof answer.ackId === 'string' && answer.ackId !== '') return { ackId: answer.ackId, duplicate: answer.duplicate === true };
    const retryable = res.status >= 500 || res.status === 408 || res.status === 429 || res.status === 200;
    const code = answer.error?.code ?? (res.status === 200 ? 'no_ack' : 'http_' + res.status);
    throw new PortalRefused(res.status, code, `Cổng DVC quốc gia trả lời ${res.status} (${code})${answer.error?.message ? `: ${answer.error.message}` : ''}`, retryable);
  }
}

// Notifications: pure rules. SMS text stays within 160 GSM-7 characters where it can,
// so messages name the dossier and where to look rather than repeating the detail.

export type Channel = 'email' | 'sms';

export interface Recipient {
  accountId: string | null;
  email: string | null;
  phone: string | null;
}

export interface Message {
  title: string;
  /** Full text for e-mail. */
  body: string;
  /** Short text for SMS. */
  short: string;
}

/** One notification per channel the person can be reached on. */
export function channelsFor(r: Recipient): { channel: Channel; address: string }[] {
  const out: { channel: Channel; address: string }[] = [];
  if (r.phone) out.push({ channel: 'sms', address: r.phone });
  if (r.email) out.push({ channel: 'email', address: r.email });
  return out;
}

/** Retry policy for sending: 8 attempts over about 20 minutes (5 s doubling). */
export const SEND_RETRIES = { retryLimit: 8, retryDelay: 5, retryBackoff: true } as const;

// Sending SMS. The message id is the idempotency key the gateway deduplicates on.
export interface SmsMessage {
  id: string;
  /** Vietnamese number, 0xxxxxxxxx */
  to: string;
  text: string;
}

export interface SmsPort {
  send(message: SmsMessage): Promise<{ providerId: string }>;
}

// Sending e-mail. The message id doubles as an idempotency key (it becomes Message-ID).
export interface EmailMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
}

export interface EmailPort {
  send(message: EmailMessage): Promise<{ providerId: string }>;
}

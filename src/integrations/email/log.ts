import type { EmailMessage, EmailPort } from './port';

/** For development without an SMTP server: the message goes to the log. */
export class LogEmail implements EmailPort {
  constructor(private readonly log: (obj: object, msg: string) => void) {}

  async send(message: EmailMessage): Promise<{ providerId: string }> {
    this.log({ to: message.to, subject: message.subject }, 'e-mail (not sent: SMTP_URL is not set)');
    return { providerId: `log:${message.id}` };
  }
}

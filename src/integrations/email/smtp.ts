import nodemailer, { type Transporter } from 'nodemailer';
import type { EmailMessage, EmailPort } from './port';

/** E-mail through any SMTP server (smtp://user:pass@host:port, smtps:// for TLS). */
export class SmtpEmail implements EmailPort {
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(url);
  }

  async send(message: EmailMessage): Promise<{ providerId: string }> {
    const info = await this.transport.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      messageId: `<${message.id}@motcua>`,
    });
    return { providerId: info.messageId };
  }
}

import type { SmsMessage, SmsPort } from './port';

/** For development without an SMS gateway: the message goes to the log. */
export class LogSms implements SmsPort {
  constructor(private readonly log: (obj: object, msg: string) => void) {}

  async send(message: SmsMessage): Promise<{ providerId: string }> {
    this.log({ to: message.to.replace(/\d(?=\d{3})/g, '•'), length: message.text.length }, 'SMS (not sent: SMS_GATEWAY_URL is not set)');
    return { providerId: `log:${message.id}` };
  }
}

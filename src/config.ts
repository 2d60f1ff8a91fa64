// Every setting, its default and its check. Nothing else reads process.env.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import envSchema from 'env-schema';

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** postgres://… for a PostgreSQL server; absent means embedded PGlite in dataDir/db. */
  databaseUrl: string | undefined;
  dataDir: string;
  sessionSecret: string;
  sessionTtlMinutes: number;
  /** Behind a reverse proxy that terminates HTTPS: trust X-Forwarded-* and mark cookies Secure. */
  trustProxy: boolean;
  logLevel: string;
  demoData: boolean;
  loginMaxFailures: number;
  loginLockMinutes: number;
  loginRateLimitPerMinute: number;
  provinceName: string;
  /** smtp://user:pass@host:port for e-mail; absent: e-mails are written to the log. */
  smtpUrl: string | undefined;
  mailFrom: string;
  sms: { url: string; partnerId: string; secret: string; brandname: string } | undefined;
}

const schema = {
  type: 'object',
  properties: {
    NODE_ENV: { type: 'string', enum: ['development', 'production', 'test'], default: 'development' },
    HOST: { type: 'string', default: '127.0.0.1', minLength: 1 },
    PORT: { type: 'integer', minimum: 1, maximum: 65535, default: 3000 },
    DATABASE_URL: { type: 'string', pattern: '^postgres(ql)?://' },
    DATA_DIR: { type: 'string', default: './data', minLength: 1 },
    SESSION_SECRET: { type: 'string', minLength: 32 },
    SESSION_TTL_MINUTES: { type: 'integer', minimum: 5, maximum: 10080, default: 480 },
    TRUST_PROXY: { type: 'boolean', default: false },
    LOG_LEVEL: { type: 'string', enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' },
    DEMO_DATA: { type: 'boolean' },
    LOGIN_MAX_FAILURES: { type: 'integer', minimum: 1, maximum: 100, default: 5 },
    LOGIN_LOCK_MINUTES: { type: 'integer', minimum: 1, maximum: 1440, default: 15 },
    LOGIN_RATE_LIMIT_PER_MINUTE: { type: 'integer', minimum: 1, maximum: 10000, default: 20 },
    PROVINCE_NAME: { type: 'string', default: 'Lạng Sơn', minLength: 2 },
    SMTP_URL: { type: 'string', pattern: '^smtps?://' },
    MAIL_FROM: { type: 'string', default: 'Cổng Dịch vụ công <khong-tra-loi@localhost>', minLength: 3 },
    SMS_GATEWAY_URL: { type: 'string', pattern: '^https?://' },
    SMS_PARTNER_ID: { type: 'string', minLength: 1 },
    SMS_SECRET: { type: 'string', minLength: 8 },
    SMS_BRANDNAME: { type: 'string', default: 'DVC', minLength: 1, maxLength: 11 },
  },
} as const;

const labels: Record<string, string> = {
  PORT: 'một số nguyên từ 1 đến 65535',
  DATABASE_URL: 'một địa chỉ dạng postgres://người-dùng:mật-khẩu@máy:cổng/cơ-sở-dữ-liệu',
  SESSION_SECRET: 'một chuỗi bí mật dài ít nhất 32 ký tự',
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

interface RawEnv {
  NODE_ENV: Config['nodeEnv'];
  HOST: string;
  PORT: number;
  DATABASE_URL?: string;
  DATA_DIR: string;
  SESSION_SECRET?: string;
  SESSION_TTL_MINUTES: number;
  TRUST_PROXY: boolean;
  LOG_LEVEL: string;
  DEMO_DATA?: boolean;
  LOGIN_MAX_FAILURES: number;
  LOGIN_LOCK_MINUTES: number;
  LOGIN_RATE_LIMIT_PER_MINUTE: number;
  PROVINCE_NAME: string;
  SMTP_URL?: string;
  MAIL_FROM: string;
  SMS_GATEWAY_URL?: string;
  SMS_PARTNER_ID?: string;
  SMS_SECRET?: string;
  SMS_BRANDNAME: string;
}

/** Reads and checks the settings; throws ConfigError with a message naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.fromEntries(Object.keys(schema.properties).flatMap((k) => (env[k] === undefined || env[k] === '' ? [] : [[k, env[k]]])));
  let raw: RawEnv;
  try {
    raw = envSchema<RawEnv>({ schema, data: known, env: false });
  } catch (err) {
    const first = (err as { errors?: { instancePath: string; message?: string }[] }).errors?.[0];
    const name = first?.instancePath.replace(/^\//, '') ?? '';
    const want = labels[name] ?? `giá trị hợp lệ (${first?.message ?? 'không rõ'})`;
    throw new ConfigError(`Cấu hình không hợp lệ: biến môi trường ${name} phải là ${want}; giá trị hiện tại: ${JSON.stringify(env[name])}.`);
  }
  const production = raw.NODE_ENV === 'production';
  if (production && !raw.SESSION_SECRET) {
    throw new ConfigError('Cấu hình không hợp lệ: khi NODE_ENV=production phải đặt SESSION_SECRET (ít nhất 32 ký tự).');
  }
  const dataDir = path.resolve(raw.DATA_DIR);
  return {
    nodeEnv: raw.NODE_ENV,
    host: raw.HOST,
    port: raw.PORT,
    databaseUrl: raw.DATABASE_URL,
    dataDir,
    sessionSecret: raw.SESSION_SECRET ?? generatedSecret(dataDir),
    sessionTtlMinutes: raw.SESSION_TTL_MINUTES,
    trustProxy: raw.TRUST_PROXY,
    logLevel: raw.LOG_LEVEL,
    demoData: raw.DEMO_DATA ?? !production,
    loginMaxFailures: raw.LOGIN_MAX_FAILURES,
    loginLockMinutes: raw.LOGIN_LOCK_MINUTES,
    loginRateLimitPerMinute: raw.LOGIN_RATE_LIMIT_PER_MINUTE,
    provinceName: raw.PROVINCE_NAME,
    smtpUrl: raw.SMTP_URL,
    mailFrom: raw.MAIL_FROM,
    sms: raw.SMS_GATEWAY_URL
      ? { url: raw.SMS_GATEWAY_URL, partnerId: required(raw.SMS_PARTNER_ID, 'SMS_PARTNER_ID'), secret: required(raw.SMS_SECRET, 'SMS_SECRET'), brandname: raw.SMS_BRANDNAME }
      : undefined,
  };
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new ConfigError(`Cấu hình không hợp lệ: khi đặt SMS_GATEWAY_URL phải đặt cả ${name}.`);
  return value;
}

/** Outside production, a random secret is made once and kept in the data directory. */
function generatedSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  return secret;
}

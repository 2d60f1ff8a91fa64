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
  /** With the demo data, a generated year of dossiers so that every report has figures. */
  demoHistory: boolean;
  /** Seconds a background job may run; one left running by a process that died is run again after that. */
  jobExpireSeconds: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  loginRateLimitPerMinute: number;
  /** Public dossier look-ups per client and minute (the tracking page and its API). */
  trackingRateLimitPerMinute: number;
  /** Which circular's numbers the standard forms carry (DOMAIN.md 4: a 2025 circular may renumber them). */
  formNumbering: 'tt01-2018' | 'tt03-2025';
  /** The portal's address as citizens reach it: printed on receipts and in QR codes. */
  publicUrl: string;
  provinceName: string;
  /** smtp://user:pass@host:port for e-mail; absent: e-mails are written to the log. */
  smtpUrl: string | undefined;
  mailFrom: string;
  sms: { url: string; partnerId: string; secret: string; brandname: string } | undefined;
  /** VNPay payment gateway (protocol 2.1.0): payment page, merchant API, merchant code, hash secret; absent: no online payment. */
  vnpay: { url: string; apiUrl: string; tmnCode: string; hashSecret: string; expireMinutes: number } | undefined;
  /** The public postal service (BCCI) for results by post: its URL, our API key and request secret, the webhook secret; absent: not offered. */
  postal: { url: string; apiKey: string; secret: string; webhookSecret: string } | undefined;
  /** Limits on citizens' attachments: per file and per dossier (all files together), in bytes. */
  uploads: { maxFileBytes: number; maxDossierBytes: number };
  /** clamd to scan uploads with (a unix socket or host and port); absent: scanning is off. */
  clamd: { socket: string } | { host: string; port: number } | undefined;
  /** Where files live: the local disk under dataDir/files, or an S3-compatible store. */
  storage: { kind: 'disk' } | { kind: 's3'; endpoint: string | undefined; bucket: string; region: string; accessKeyId: string | undefined; secretAccessKey: string | undefined; forcePathStyle: boolean };
  /** Keys that sign results: PKCS#12 files per unit (<code>.p12) and the CA certificates trusted; or the demo CA in dataDir. */
  signing: { kind: 'demo' } | { kind: 'p12'; dir: string; passphrase: string; caFile: string };
  /** The national electronic identity (OpenID Connect provider): issuer, our client id and secret, our redirect URI (from PUBLIC_URL); absent: no such login. */
  identity: { issuer: string; clientId: string; clientSecret: string; redirectUri: string } | undefined;
  /** The national public-service portal (Cổng DVC quốc gia): its URL, our client id and the shared signing secret; absent: the link is off. */
  nationalPortal: { url: string; clientId: string; secret: string } | undefined;
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
    DEMO_HISTORY: { type: 'boolean' },
    JOB_EXPIRE_SECONDS: { type: 'integer', minimum: 5, maximum: 86400, default: 300 },
    LOGIN_MAX_FAILURES: { type: 'integer', minimum: 1, maximum: 100, default: 5 },
    LOGIN_LOCK_MINUTES: { type: 'integer', minimum: 1, maximum: 1440, default: 15 },
    LOGIN_RATE_LIMIT_PER_MINUTE: { type: 'integer', minimum: 1, maximum: 10000, default: 20 },
    TRACKING_RATE_LIMIT_PER_MINUTE: { type: 'integer', minimum: 1, maximum: 10000000, default: 60 },
    PUBLIC_URL: { type: 'string', pattern: '^https?://[^/]+$', default: 'http://localhost:3000' },
    FORM_NUMBERING: { type: 'string', enum: ['tt01-2018', 'tt03-2025'], default: 'tt01-2018' },
    PROVINCE_NAME: { type: 'string', default: 'Lạng Sơn', minLength: 2 },
    SMTP_URL: { type: 'string', pattern: '^smtps?://' },
    MAIL_FROM: { type: 'string', default: 'Cổng Dịch vụ công <khong-tra-loi@localhost>', minLength: 3 },
    SMS_GATEWAY_URL: { type: 'string', pattern: '^https?://' },
    SMS_PARTNER_ID: { type: 'string', minLength: 1 },
    SMS_SECRET: { type: 'string', minLength: 8 },
    SMS_BRANDNAME: { type: 'string', default: 'DVC', minLength: 1, maxLength: 11 },
    VNPAY_URL: { type: 'string', pattern: '^https?://' },
    VNPAY_API_URL: { type: 'string', pattern: '^https?://' },
    VNPAY_TMN_CODE: { type: 'string', pattern: '^[A-Za-z0-9]{1,20}$' },
    VNPAY_HASH_SECRET: { type: 'string', minLength: 8 },
    VNPAY_EXPIRE_MINUTES: { type: 'integer', minimum: 1, maximum: 1440, default: 15 },
    POSTAL_URL: { type: 'string', pattern: '^https?://' },
    POSTAL_API_KEY: { type: 'string', minLength: 1 },
    POSTAL_SECRET: { type: 'string', minLength: 16 },
    POSTAL_WEBHOOK_SECRET: { type: 'string', minLength: 16 },
    UPLOAD_MAX_FILE_MB: { type: 'integer', minimum: 1, maximum: 1024, default: 10 },
    UPLOAD_MAX_DOSSIER_MB: { type: 'integer', minimum: 1, maximum: 10240, default: 50 },
    CLAMD_SOCKET: { type: 'string', minLength: 1 },
    CLAMD_HOST: { type: 'string', minLength: 1 },
    CLAMD_PORT: { type: 'integer', minimum: 1, maximum: 65535, default: 3310 },
    STORAGE: { type: 'string', enum: ['disk', 's3'], default: 'disk' },
    S3_ENDPOINT: { type: 'string', pattern: '^https?://' },
    S3_BUCKET: { type: 'string', minLength: 3, maxLength: 63 },
    S3_REGION: { type: 'string', default: 'us-east-1', minLength: 1 },
    S3_ACCESS_KEY_ID: { type: 'string', minLength: 1 },
    S3_SECRET_ACCESS_KEY: { type: 'string', minLength: 1 },
    S3_FORCE_PATH_STYLE: { type: 'boolean', default: true },
    SIGNING_P12_DIR: { type: 'string', minLength: 1 },
    SIGNING_P12_PASSPHRASE: { type: 'string' },
    SIGNING_CA_FILE: { type: 'string', minLength: 1 },
    IDENTITY_ISSUER: { type: 'string', pattern: '^https?://[^/]+(/.*)?$' },
    IDENTITY_CLIENT_ID: { type: 'string', minLength: 1 },
    IDENTITY_CLIENT_SECRET: { type: 'string', minLength: 16 },
    NATIONAL_PORTAL_URL: { type: 'string', pattern: '^https?://' },
    NATIONAL_PORTAL_CLIENT_ID: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$' },
    NATIONAL_PORTAL_SECRET: { type: 'string', minLength: 16 },
  },
} as const;

const labels: Record<string, string> = {
  PORT: 'một số nguyên từ 1 đến 65535',
  DATABASE_URL: 'một địa chỉ dạng postgres://người-dùng:mật-khẩu@máy:cổng/cơ-sở-dữ-liệu',
  SESSION_SECRET: 'một chuỗi bí mật dài ít nhất 32 ký tự',
  PUBLIC_URL: 'địa chỉ của cổng dạng https://tên-miền (không có / ở cuối)',
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
  DEMO_HISTORY?: boolean;
  JOB_EXPIRE_SECONDS: number;
  LOGIN_MAX_FAILURES: number;
  LOGIN_LOCK_MINUTES: number;
  LOGIN_RATE_LIMIT_PER_MINUTE: number;
  TRACKING_RATE_LIMIT_PER_MINUTE: number;
  PUBLIC_URL: string;
  FORM_NUMBERING: 'tt01-2018' | 'tt03-2025';
  PROVINCE_NAME: string;
  SMTP_URL?: string;
  MAIL_FROM: string;
  SMS_GATEWAY_URL?: string;
  SMS_PARTNER_ID?: string;
  SMS_SECRET?: string;
  SMS_BRANDNAME: string;
  VNPAY_URL?: string;
  VNPAY_API_URL?: string;
  VNPAY_TMN_CODE?: string;
  VNPAY_HASH_SECRET?: string;
  VNPAY_EXPIRE_MINUTES: number;
  POSTAL_URL?: string;
  POSTAL_API_KEY?: string;
  POSTAL_SECRET?: string;
  POSTAL_WEBHOOK_SECRET?: string;
  UPLOAD_MAX_FILE_MB: number;
  UPLOAD_MAX_DOSSIER_MB: number;
  CLAMD_SOCKET?: string;
  CLAMD_HOST?: string;
  CLAMD_PORT: number;
  STORAGE: 'disk' | 's3';
  S3_ENDPOINT?: string;
  S3_BUCKET?: string;
  S3_REGION: string;
  S3_ACCESS_KEY_ID?: string;
  S3_SECRET_ACCESS_KEY?: string;
  S3_FORCE_PATH_STYLE: boolean;
  SIGNING_P12_DIR?: string;
  SIGNING_P12_PASSPHRASE?: string;
  SIGNING_CA_FILE?: string;
  IDENTITY_ISSUER?: string;
  IDENTITY_CLIENT_ID?: string;
  IDENTITY_CLIENT_SECRET?: string;
  NATIONAL_PORTAL_URL?: string;
  NATIONAL_PORTAL_CLIENT_ID?: string;
  NATIONAL_PORTAL_SECRET?: string;
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
    demoHistory: raw.DEMO_HISTORY ?? true,
    jobExpireSeconds: raw.JOB_EXPIRE_SECONDS,
    loginMaxFailures: raw.LOGIN_MAX_FAILURES,
    loginLockMinutes: raw.LOGIN_LOCK_MINUTES,
    loginRateLimitPerMinute: raw.LOGIN_RATE_LIMIT_PER_MINUTE,
    trackingRateLimitPerMinute: raw.TRACKING_RATE_LIMIT_PER_MINUTE,
    formNumbering: raw.FORM_NUMBERING,
    publicUrl: raw.PUBLIC_URL,
    provinceName: raw.PROVINCE_NAME,
    smtpUrl: raw.SMTP_URL,
    mailFrom: raw.MAIL_FROM,
    sms: raw.SMS_GATEWAY_URL
      ? { url: raw.SMS_GATEWAY_URL, partnerId: required(raw.SMS_PARTNER_ID, 'SMS_PARTNER_ID'), secret: required(raw.SMS_SECRET, 'SMS_SECRET'), brandname: raw.SMS_BRANDNAME }
      : undefined,
    vnpay: vnpayOf(raw),
    postal: postalOf(raw),
    uploads: { maxFileBytes: raw.UPLOAD_MAX_FILE_MB * 1024 * 1024, maxDossierBytes: raw.UPLOAD_MAX_DOSSIER_MB * 1024 * 1024 },
    clamd: raw.CLAMD_SOCKET ? { socket: raw.CLAMD_SOCKET } : raw.CLAMD_HOST ? { host: raw.CLAMD_HOST, port: raw.CLAMD_PORT } : undefined,
    storage: storageOf(raw),
    signing: signingOf(raw),
    identity: identityOf(raw),
    nationalPortal: nationalPortalOf(raw),
  };
}

function storageOf(raw: RawEnv): Config['storage'] {
  if (raw.STORAGE === 'disk') return { kind: 'disk' };
  if (!raw.S3_BUCKET) throw new ConfigError('Cấu hình không hợp lệ: khi STORAGE=s3 phải đặt S3_BUCKET (tên bucket lưu tệp).');
  if (Boolean(raw.S3_ACCESS_KEY_ID) !== Boolean(raw.S3_SECRET_ACCESS_KEY)) {
    throw new ConfigError('Cấu hình không hợp lệ: S3_ACCESS_KEY_ID và S3_SECRET_ACCESS_KEY phải đặt cùng nhau (hoặc bỏ cả hai để dùng thông tin xác thực của máy chủ).');
  }
  return {
    kind: 's3',
    endpoint: raw.S3_ENDPOINT,
    bucket: raw.S3_BUCKET,
    region: raw.S3_REGION,
    accessKeyId: raw.S3_ACCESS_KEY_ID,
    secretAccessKey: raw.S3_SECRET_ACCESS_KEY,
    forcePathStyle: raw.S3_FORCE_PATH_STYLE,
  };
}

function vnpayOf(raw: RawEnv): Config['vnpay'] {
  const set = [raw.VNPAY_URL, raw.VNPAY_API_URL, raw.VNPAY_TMN_CODE, raw.VNPAY_HASH_SECRET];
  if (set.every((v) => !v)) return undefined;
  if (set.some((v) => !v)) throw new ConfigError('Cấu hình không hợp lệ: VNPAY_URL, VNPAY_API_URL, VNPAY_TMN_CODE và VNPAY_HASH_SECRET phải đặt cùng nhau (hoặc bỏ cả bốn để tắt nộp phí trực tuyến).');
  return { url: raw.VNPAY_URL!, apiUrl: raw.VNPAY_API_URL!, tmnCode: raw.VNPAY_TMN_CODE!, hashSecret: raw.VNPAY_HASH_SECRET!, expireMinutes: raw.VNPAY_EXPIRE_MINUTES };
}

function postalOf(raw: RawEnv): Config['postal'] {
  const set = [raw.POSTAL_URL, raw.POSTAL_API_KEY, raw.POSTAL_SECRET, raw.POSTAL_WEBHOOK_SECRET];
  if (set.every((v) => !v)) return undefined;
  if (set.some((v) => !v)) throw new ConfigError('Cấu hình không hợp lệ: POSTAL_URL, POSTAL_API_KEY, POSTAL_SECRET và POSTAL_WEBHOOK_SECRET phải đặt cùng nhau (hoặc bỏ cả bốn để không cung cấp nhận kết quả qua bưu chính).');
  return { url: raw.POSTAL_URL!, apiKey: raw.POSTAL_API_KEY!, secret: raw.POSTAL_SECRET!, webhookSecret: raw.POSTAL_WEBHOOK_SECRET! };
}

function signingOf(raw: RawEnv): Config['signing'] {
  if (!raw.SIGNING_P12_DIR) return { kind: 'demo' };
  if (!raw.SIGNING_CA_FILE) throw new ConfigError('Cấu hình không hợp lệ: khi đặt SIGNING_P12_DIR phải đặt SIGNING_CA_FILE (tệp PEM các chứng thư gốc được tin cậy).');
  return { kind: 'p12', dir: path.resolve(raw.SIGNING_P12_DIR), passphrase: raw.SIGNING_P12_PASSPHRASE ?? '', caFile: path.resolve(raw.SIGNING_CA_FILE) };
}

function identityOf(raw: RawEnv): Config['identity'] {
  const set = [raw.IDENTITY_ISSUER, raw.IDENTITY_CLIENT_ID, raw.IDENTITY_CLIENT_SECRET];
  if (set.every((v) => !v)) return undefined;
  if (set.some((v) => !v)) throw new ConfigError('Cấu hình không hợp lệ: IDENTITY_ISSUER, IDENTITY_CLIENT_ID và IDENTITY_CLIENT_SECRET phải đặt cùng nhau (hoặc bỏ cả ba để tắt đăng nhập bằng tài khoản định danh điện tử).');
  if (raw.NODE_ENV === 'production' && !raw.IDENTITY_ISSUER!.startsWith('https://')) {
    throw new ConfigError('Cấu hình không hợp lệ: khi NODE_ENV=production, IDENTITY_ISSUER phải là địa chỉ https://.');
  }
  return { issuer: raw.IDENTITY_ISSUER!, clientId: raw.IDENTITY_CLIENT_ID!, clientSecret: raw.IDENTITY_CLIENT_SECRET!, redirectUri: `${raw.PUBLIC_URL}/dang-nhap/dinh-danh/callback` };
}

function nationalPortalOf(raw: RawEnv): Config['nationalPortal'] {
  const set = [raw.NATIONAL_PORTAL_URL, raw.NATIONAL_PORTAL_CLIENT_ID, raw.NATIONAL_PORTAL_SECRET];
  if (set.every((v) => !v)) return undefined;
  if (set.some((v) => !v)) throw new ConfigError('Cấu hình không hợp lệ: NATIONAL_PORTAL_URL, NATIONAL_PORTAL_CLIENT_ID và NATIONAL_PORTAL_SECRET phải đặt cùng nhau (hoặc bỏ cả ba để tắt liên thông với Cổng Dịch vụ công quốc gia).');
  return { url: raw.NATIONAL_PORTAL_URL!, clientId: raw.NATIONAL_PORTAL_CLIENT_ID!, secret: raw.NATIONAL_PORTAL_SECRET! };
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

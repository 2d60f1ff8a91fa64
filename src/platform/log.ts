import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../config';

/** Structured JSON logs; cookies, tokens, passwords and ID numbers never reach them. */
export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.idNumber',
        '*.cccd',
        '*.token',
      ],
      censor: '[đã ẩn]',
    },
  };
}

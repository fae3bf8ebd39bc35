import pino from 'pino';

// Paths that may hold secrets anywhere in a log object.
export const REDACT_PATHS = [
  'token',
  'secret',
  'password',
  'authorization',
  'access_token',
  '*.token',
  '*.secret',
  '*.password',
  '*.authorization',
  '*.access_token',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
];

export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  base: { app: 'podium' },
});

export type Logger = typeof logger;

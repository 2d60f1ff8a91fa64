// Virus scanning of uploaded files, behind one small port (port.ts). Scanning is a setting:
// off (the default, NoScanner) or a clamd daemon over a unix socket or TCP (ClamdScanner).
import type { Config } from '../../config';
import { ClamdScanner } from './clamd';
import { NoScanner, type Scanner } from './port';

export function scannerFor(config: Pick<Config, 'clamd'>): Scanner {
  return config.clamd ? new ClamdScanner(config.clamd) : new NoScanner();
}

export { NoScanner, ScannerUnavailable, type Scanner, type ScanResult } from './port';
export { ClamdScanner, type ClamdAddress } from './clamd';

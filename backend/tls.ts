import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const CERT_DIR = join(homedir(), '.office-addin-dev-certs');
const CERT = join(CERT_DIR, 'localhost.crt');
const KEY = join(CERT_DIR, 'localhost.key');
const GENERATE_TIMEOUT_MS = 20_000;

/**
 * The localhost certificate Office add-ins are served with: the one office-addin-dev-certs made
 * before, or a new one it generates (no prompt; trusting its CA is a separate, explicit step).
 * Undefined, with the reason, when none can be had: the caller serves plain http.
 */
export async function devCertificate(): Promise<{ tls?: { key: Buffer; cert: Buffer }; reason?: string }> {
  try {
    if (!existsSync(CERT) || !existsSync(KEY)) {
      const { generateCertificates } = await import('office-addin-dev-certs');
      await Promise.race([
        generateCertificates(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('certificate generation timed out')), GENERATE_TIMEOUT_MS).unref()),
      ]);
    }
    return { tls: { key: readFileSync(KEY), cert: readFileSync(CERT) } };
  } catch (e) {
    return { reason: (e as Error).message };
  }
}

export const TRUST_HINT = 'To trust the certificate in Excel, run once: npx office-addin-dev-certs install';

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Personal identifiers (phone, ID-card number) at rest: AES-256-GCM ciphertext for reading back,
 * an HMAC "blind index" for exact lookups and uniqueness, and a masked copy for lists.
 */
export interface PiiCipher {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  /** Deterministic keyed hash: equal inputs give equal outputs, nothing else can be learned. */
  blindIndex(kind: 'phone' | 'id_number', plain: string): string;
}

function deriveKey(master: Buffer, label: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), Buffer.from(label), 32));
}

export function parseMasterKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new Error('PII_KEY must be 32 bytes, as 64 hex digits or base64');
  return key;
}

export function createPiiCipher(masterKey: Buffer): PiiCipher {
  const encKey = deriveKey(masterKey, 'smart-union/pii/enc/v1');
  const macKey = deriveKey(masterKey, 'smart-union/pii/index/v1');
  return {
    encrypt(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(stored) {
      if (!stored.startsWith('v1:')) throw new Error('unknown ciphertext version');
      const raw = Buffer.from(stored.slice(3), 'base64');
      const decipher = crypto.createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    blindIndex(kind, plain) {
      return crypto.createHmac('sha256', macKey).update(`${kind}:${plain}`).digest('base64url');
    },
  };
}

/** Outside production a missing key is generated once and kept beside the embedded database. */
export function loadOrCreateMasterKey(configured: string | null, dataDir: string, production: boolean): Buffer {
  if (configured) return parseMasterKey(configured);
  if (production) throw new Error('PII_KEY must be set in production (32 bytes, hex or base64)');
  const file = path.join(dataDir, 'secrets', 'pii.key');
  if (fs.existsSync(file)) return parseMasterKey(fs.readFileSync(file, 'utf8'));
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = crypto.randomBytes(32);
  fs.writeFileSync(file, key.toString('hex'), { mode: 0o600 });
  return key;
}

export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '*'.repeat(phone.length);
}

export function maskIdNumber(idNumber: string): string {
  return idNumber.length >= 8
    ? `${idNumber.slice(0, 3)}${'*'.repeat(idNumber.length - 7)}${idNumber.slice(-4)}`
    : '*'.repeat(idNumber.length);
}

/** 张*明: a person's name as public notices, ledgers and other members show it: the first and last character kept. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** Mainland China mobile numbers: 11 digits starting 1[3-9]. */
export function isMobilePhone(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value);
}

const idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idCheckChars = '10X98765432';

/** Resident ID-card number (GB 11643): 18 characters, a valid birth date and the ISO 7064 check character. */
export function isIdNumber(value: string): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(value[i]) * idWeights[i]!;
  return idCheckChars[sum % 11] === value[17];
}

/** Completes 17 digits with their check character (demo data and test factories). */
export function withIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * idWeights[i]!;
  return first17 + idCheckChars[sum % 11];
}

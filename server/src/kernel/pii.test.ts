import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createPiiCipher,
  isIdNumber,
  isMobilePhone,
  maskIdNumber,
  maskPhone,
  parseMasterKey,
  withIdCheckChar,
} from './pii.js';

describe('personal data at rest', () => {
  const cipher = createPiiCipher(crypto.randomBytes(32));

  it('encrypts with a fresh IV each time and decrypts back', () => {
    const a = cipher.encrypt('13812345678');
    const b = cipher.encrypt('13812345678');
    expect(a).not.toBe(b);
    expect(a).not.toContain('13812345678');
    expect(cipher.decrypt(a)).toBe('13812345678');
  });

  it('detects tampering and a wrong key', () => {
    const stored = cipher.encrypt('610104199001011234');
    const raw = Buffer.from(stored.slice(3), 'base64');
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 1;
    expect(() => cipher.decrypt(`v1:${raw.toString('base64')}`)).toThrow();
    expect(() => createPiiCipher(crypto.randomBytes(32)).decrypt(stored)).toThrow();
  });

  it('gives equal blind indexes for equal values only, separated by kind', () => {
    expect(cipher.blindIndex('phone', '13812345678')).toBe(cipher.blindIndex('phone', '13812345678'));
    expect(cipher.blindIndex('phone', '13812345678')).not.toBe(cipher.blindIndex('phone', '13812345679'));
    expect(cipher.blindIndex('phone', 'x')).not.toBe(cipher.blindIndex('id_number', 'x'));
  });

  it('masks as API.md shows', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskIdNumber('61010419900101123X')).toBe('610***********123X');
  });

  it('accepts 64 hex digits or base64 of 32 bytes as the key, nothing else', () => {
    const key = crypto.randomBytes(32);
    expect(parseMasterKey(key.toString('hex')).equals(key)).toBe(true);
    expect(parseMasterKey(key.toString('base64')).equals(key)).toBe(true);
    expect(() => parseMasterKey('short')).toThrow();
  });
});

describe('identifier checks', () => {
  it('knows mainland mobile numbers', () => {
    expect(isMobilePhone('13812345678')).toBe(true);
    expect(isMobilePhone('12812345678')).toBe(false);
    expect(isMobilePhone('1381234567')).toBe(false);
  });

  it('checks ID-card numbers by date and ISO 7064 check character', () => {
    expect(isIdNumber('11010519491231002X')).toBe(true); // the GB 11643 worked example
    expect(isIdNumber('110105194912310021')).toBe(false);
    expect(isIdNumber(withIdCheckChar('61010419900230123'))).toBe(false); // 30 February
    expect(isIdNumber(withIdCheckChar('61010419900228123'))).toBe(true);
  });
});

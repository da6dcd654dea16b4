import type { IncomingMessage } from 'node:http';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { requestId, scrubErrorText, serializeError } from './request-log.js';

const phone = '13912345678';
const idNumber = '61010419900101123X';

describe('errors in the log', () => {
  it('keep type, message, code, stack and cause, without the query parameters, the row or the numbers', () => {
    const driver = Object.assign(new Error(`duplicate key value; phone ${phone}`), {
      code: '23505',
      constraint: 'members_phone_key',
      detail: `Key (phone)=(${phone}) already exists.`,
      table: 'members',
    });
    const failed = new DrizzleQueryError(
      'insert into "members" ("name", "phone") values ($1, $2)',
      ['王建国\nsecond line', phone, idNumber],
      driver,
    );
    const logged = serializeError(failed);
    const text = JSON.stringify(logged);
    for (const secret of ['王建国', 'second line', phone, idNumber, 'already exists'])
      expect(text).not.toContain(secret);
    expect(logged).toMatchObject({
      type: 'DrizzleQueryError',
      message: 'Failed query: insert into "members" ("name", "phone") values ($1, $2)\nparams: [not logged]',
      stack: expect.stringMatching(/^Error: Failed query: .*\nparams: \[not logged\]\n {4}at /),
      cause: { type: 'Error', code: '23505', constraint: 'members_phone_key', table: 'members' },
    });
    expect(logged.cause).not.toHaveProperty('detail');
  });

  it('masks phones and ID numbers in free text, and follows aggregate errors', () => {
    expect(scrubErrorText(`call ${phone} or ${idNumber.toLowerCase()}, order 139123456789`)).toBe(
      'call [phone] or [id-number], order 139123456789',
    );
    // As people write them: with the country code, spaced, dashed.
    expect(scrubErrorText('+8613912345678 / 86 139 1234 5678 / 139-1234-5678 / ts 1795784645983')).toBe(
      '[phone] / [phone] / [phone] / ts 1795784645983',
    );
    const logged = serializeError(new AggregateError([new Error(`no ${phone}`), 'plain'], 'both failed'));
    expect(logged.errors).toEqual([
      expect.objectContaining({ type: 'Error', message: 'no [phone]' }),
      { type: 'string', message: 'plain' },
    ]);
  });
});

describe('request ids', () => {
  const withHeader = (value: string | undefined) =>
    ({ headers: value === undefined ? {} : { 'x-request-id': value } }) as unknown as IncomingMessage;

  it('keeps a short, plain id a proxy sent, and makes a new one for anything else', () => {
    expect(requestId(withHeader('0f8fad5b-d9cb-469f-a165-70867728950e'))).toBe('0f8fad5b-d9cb-469f-a165-70867728950e');
    expect(requestId(withHeader('req:42.a_b'))).toBe('req:42.a_b');
    for (const bad of [undefined, '', 'a'.repeat(65), 'a b', 'line\nbreak', '"quoted"', '.dot-first'])
      expect(requestId(withHeader(bad))).toMatch(/^[0-9a-f-]{36}$/);
  });
});

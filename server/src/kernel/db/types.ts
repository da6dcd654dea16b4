import { customType } from 'drizzle-orm/pg-core';

/** PostgreSQL ltree: the organisation path, labels are org ids without dashes. */
export const ltree = customType<{ data: string }>({
  dataType() {
    return 'ltree';
  },
});

export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType() {
    return 'bytea';
  },
  fromDriver(value) {
    return Buffer.isBuffer(value) ? value : Buffer.from(value);
  },
});

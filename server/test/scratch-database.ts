import pg from 'pg';

/** A database of its own, made anew beside the one in `base` (same server): `<name>_<suffix>`. */
export async function scratchDatabaseUrl(base: string, suffix: string): Promise<string> {
  const url = new URL(base);
  const name = `${url.pathname.slice(1) || 'postgres'}_${suffix}`;
  const adminUrl = new URL(base);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  return url.toString();
}

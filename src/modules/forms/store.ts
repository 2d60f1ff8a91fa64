import type { Transaction } from 'kysely';
import type { Db } from '../../platform/db/connect';
import type { DB } from '../../platform/db/schema';
import type { FormDefinition } from './model';

type Conn = Db | Transaction<DB>;

export async function latest(conn: Conn, procedureCode: string): Promise<FormDefinition | undefined> {
  const row = await conn
    .selectFrom('formDefinitions')
    .select(['definition', 'version'])
    .where('procedureCode', '=', procedureCode)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? ({ ...(row.definition as unknown as FormDefinition), version: row.version, procedureCode }) : undefined;
}

export async function byVersion(conn: Conn, procedureCode: string, version: number): Promise<FormDefinition | undefined> {
  const row = await conn
    .selectFrom('formDefinitions')
    .select(['definition', 'version'])
    .where('procedureCode', '=', procedureCode)
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? ({ ...(row.definition as unknown as FormDefinition), version: row.version, procedureCode }) : undefined;
}

export async function versions(conn: Conn, procedureCode: string) {
  return conn
    .selectFrom('formDefinitions as f')
    .leftJoin('accounts as a', 'a.id', 'f.createdBy')
    .select(['f.version', 'f.createdAt', 'a.fullName as author'])
    .where('f.procedureCode', '=', procedureCode)
    .orderBy('f.version', 'desc')
    .execute();
}

/** Codes of procedures that have a form, with their latest version. */
export async function all(conn: Conn) {
  return conn
    .selectFrom('formDefinitions')
    .select(['procedureCode', (eb) => eb.fn.max('version').as('version')])
    .groupBy('procedureCode')
    .orderBy('procedureCode')
    .execute();
}

/** Inserts the next version; the unique (code, version) key refuses a concurrent duplicate. */
export async function insertNext(trx: Transaction<DB>, def: FormDefinition, createdBy: string | null): Promise<number> {
  const last = await trx
    .selectFrom('formDefinitions')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('procedureCode', '=', def.procedureCode)
    .executeTakeFirst();
  const version = Number(last?.v ?? 0) + 1;
  const { procedureCode, version: _ignored, ...rest } = def;
  void _ignored;
  await trx.insertInto('formDefinitions').values({ procedureCode, version, definition: JSON.stringify(rest), createdBy }).execute();
  return version;
}

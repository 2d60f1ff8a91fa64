// Demo e-forms. 1.001193 Đăng ký khai sinh has a conditional block (the father's details);
// 1.004222 Đăng ký thường trú has a repeatable group (household members) and conditional
// fields (the household head). Every other procedure that is online gets the general request
// form (đơn đề nghị, forms/definitions/general-request.ts) until an administrator writes its own.
import type { Transaction } from 'kysely';
import type { DB } from '../src/platform/db/schema';
import type { FormDefinition } from '../src/modules/forms';
import { generalRequestForm, khaiSinh, thuongTru } from '../src/modules/forms/definitions';
import { insertNext } from '../src/modules/forms/store';

export const demoForms: FormDefinition[] = [khaiSinh, thuongTru];

/** Demo profile of the demo citizen, so forms are prefilled. */
const DEMO_PROFILE = { idNumber: '020088001234', birthDate: '1988-08-14', address: { provinceCode: 'ubnd-tinh', communeCode: 'p-luong-van-tri', detail: 'Số 12 đường Trần Đăng Ninh' } };

export async function seedForms(trx: Transaction<DB>): Promise<void> {
  const online = await trx.selectFrom('procedures').select(['code', 'name', 'onlineLevel']).where('status', '=', 'published').orderBy('code').execute();
  const own = new Map(demoForms.map((f) => [f.procedureCode, f]));
  for (const p of online) {
    if (p.onlineLevel === 'none') continue;
    await insertNext(trx, own.get(p.code) ?? generalRequestForm(p.code, p.name), null);
  }
  await trx
    .updateTable('accounts')
    .set({ idNumber: DEMO_PROFILE.idNumber, birthDate: DEMO_PROFILE.birthDate, address: JSON.stringify(DEMO_PROFILE.address) })
    .where('username', '=', 'congdan')
    .where('idNumber', 'is', null)
    .execute();
}

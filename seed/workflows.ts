// Internal workflows (quy trình nội bộ) of the demo procedures. Procedures without one use the
// default (the competent unit examines, its leader approves).
import type { Transaction } from 'kysely';
import type { DB } from '../src/platform/db/schema';
import type { WorkflowStep } from '../src/modules/dossiers';

export const demoWorkflows: Record<string, WorkflowStep[]> = {
  // Đăng ký khai sinh at the commune, liên thông with the commune police for the child's
  // permanent residence (the khai sinh – thường trú link of NĐ 63/2024)
  '1.001193': [
    { key: 'tham-dinh', name: 'Công chức tư pháp – hộ tịch thẩm định hồ sơ', kind: 'process', unit: { at: 'receiving' }, share: 40 },
    { key: 'lien-thong-cu-tru', name: 'Công an cấp xã đăng ký thường trú cho trẻ (liên thông)', kind: 'consult', unit: { at: 'child', kind: 'cong_an_xa' }, share: 20 },
    { key: 'du-thao', name: 'Công chức tư pháp – hộ tịch dự thảo Giấy khai sinh', kind: 'process', unit: { at: 'receiving' }, share: 10 },
    { key: 'phe-duyet', name: 'Lãnh đạo Ủy ban nhân dân cấp xã ký', kind: 'approve', unit: { at: 'receiving' }, share: 30 },
  ],
};

export async function seedWorkflows(trx: Transaction<DB>): Promise<void> {
  for (const [procedureCode, steps] of Object.entries(demoWorkflows)) {
    await trx.insertInto('workflows').values({ procedureCode, version: 1, steps: JSON.stringify(steps), createdBy: null }).execute();
  }
}

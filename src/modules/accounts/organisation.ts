// A business logs in as itself and its staff act for it (issue 9, item 1). The organisation's
// account (made by the identity provider's organisation login, keyed by its tax code, or a
// password account) adds people by their personal ID number or e-mail; each is then a member
// who may choose, in their own session, to act for the organisation. While they do, the actor
// of every request is the organisation (so every existing "the applicant's own dossier" check
// holds for it) with the person as `agent`: dossiers they submit have the organisation as
// applicant and the person as submitter, and the audit log names the person. The membership is
// read again on every request (loadActor), so a removed member loses access at once.
import { recordAudit } from '../../platform/audit';
import type { Db } from '../../platform/db/connect';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors';
import type { Actor } from '../../platform/http/context';
import { normalizeEmail } from './model';
import * as store from './store';

/** The organisation's own login (not a member acting for it): only it manages its staff. */
export function requireOrganisationItself(actor: Actor): void {
  if (actor.role !== 'business' || actor.agent) throw new ForbiddenError('Chỉ tài khoản của tổ chức (đăng nhập bằng tài khoản định danh của tổ chức) mới quản lý nhân viên.');
}

/**
 * The organisation the actor may see the dossiers of: the organisation's own login, or a member
 * acting for it whose membership holds now (checked here again, not only when the session was made).
 */
export async function requireOrganisation(db: Db, actor: Actor): Promise<string> {
  if (actor.role !== 'business') throw new ForbiddenError('Trang này dành cho tổ chức, doanh nghiệp. Nếu bạn là nhân viên của tổ chức, hãy chọn tổ chức ở mục “Làm việc cho tổ chức”.');
  if (actor.agent && !(await store.activeMembership(db, actor.id, actor.agent.id))) throw new NotFoundError();
  return actor.id;
}

export async function staffList(db: Db, actor: Actor) {
  requireOrganisationItself(actor);
  return store.staffOf(db, actor.id);
}

/** Adds a person (their citizen account, found by personal ID number or e-mail) to the organisation's staff. */
export async function addStaffMember(db: Db, actor: Actor, key: string): Promise<{ fullName: string }> {
  requireOrganisationItself(actor);
  const typed = key.trim();
  const idNumber = /^\d{12}$/.test(typed.replace(/\s+/g, '')) ? typed.replace(/\s+/g, '') : null;
  const email = idNumber ? null : normalizeEmail(typed);
  if (!typed) throw new ValidationError([{ field: 'staff', message: 'Nhập số định danh cá nhân hoặc thư điện tử của nhân viên' }]);
  if (!idNumber && !email) {
    throw new ValidationError([{ field: 'staff', message: 'Số định danh cá nhân phải gồm đúng 12 chữ số, hoặc nhập thư điện tử đúng định dạng (ví dụ ten@vidu.vn)' }]);
  }
  return db.transaction().execute(async (trx) => {
    const person = await store.personByKey(trx, { idNumber, email });
    if (!person || person.status !== 'active') {
      throw new ValidationError([
        {
          field: 'staff',
          message: `Không tìm thấy tài khoản công dân có ${idNumber ? 'số định danh cá nhân' : 'thư điện tử'} này. Nhân viên cần đăng nhập Cổng một lần (bằng tài khoản định danh điện tử) rồi mới được thêm.`,
        },
      ]);
    }
    if (await store.activeMembership(trx, actor.id, person.id)) throw new ConflictError('staff_exists', `${person.fullName} đã là nhân viên của tổ chức.`, 'staff');
    const id = await store.addStaff(trx, actor.id, person.id, actor.id).catch((err: { code?: string }) => {
      if (err.code === '23505') throw new ConflictError('staff_exists', `${person.fullName} đã là nhân viên của tổ chức.`, 'staff');
      throw err;
    });
    await recordAudit(trx, actor, { action: 'organisation.staff_added', entityType: 'account', entityId: person.id, detail: { membershipId: id, organisationId: actor.id } });
    return { fullName: person.fullName };
  });
}

export async function removeStaffMember(db: Db, actor: Actor, membershipId: string): Promise<void> {
  requireOrganisationItself(actor);
  await db.transaction().execute(async (trx) => {
    const accountId = await store.removeStaff(trx, actor.id, membershipId, actor.id);
    if (!accountId) throw new NotFoundError('Không tìm thấy nhân viên này trong danh sách của tổ chức.');
    await recordAudit(trx, actor, { action: 'organisation.staff_removed', entityType: 'account', entityId: accountId, detail: { membershipId, organisationId: actor.id } });
  });
}

/** The organisations a person may act for (their own login, not while acting for one). */
export async function myOrganisations(db: Db, actor: Actor) {
  const person = actor.agent?.id ?? actor.id;
  return store.organisationsOf(db, person);
}

/** Checks that the person is on the organisation's staff before their session acts for it. */
export async function startActingFor(db: Db, actor: Actor, organisationId: string): Promise<{ fullName: string }> {
  const person = actor.agent?.id ?? actor.id;
  if (actor.role !== 'citizen' && !actor.agent) throw new ForbiddenError('Chỉ công dân là nhân viên của tổ chức mới làm việc cho tổ chức.');
  const org = (await store.organisationsOf(db, person)).find((o) => o.id === organisationId);
  // not a member (or no such organisation): no hint which
  if (!org) throw new NotFoundError('Bạn không phải là nhân viên của tổ chức này.');
  await db.transaction().execute((trx) => recordAudit(trx, { id: person, role: 'citizen', unitId: null, ip: actor.ip }, { action: 'organisation.acting_started', entityType: 'account', entityId: organisationId }));
  return { fullName: org.fullName };
}

/** The actor for a session acting for an organisation, or undefined when the person is not on its staff (any more). */
export async function actorForOrganisation(db: Db, person: Actor, organisationId: string): Promise<Actor | undefined> {
  if (person.role !== 'citizen') return undefined;
  if (!(await store.activeMembership(db, organisationId, person.id))) return undefined;
  const org = await store.byId(db, organisationId);
  if (!org || org.status !== 'active' || org.role !== 'business') return undefined;
  return { id: org.id, username: org.username, fullName: org.fullName, role: org.role, unitId: null, ip: person.ip, agent: { id: person.id, fullName: person.fullName } };
}

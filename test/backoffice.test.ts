// The back office end to end over HTTP, on PGlite and (CI) PostgreSQL: a birth registration goes
// from online submission through a completion request at the desk (Mẫu 02, re-upload of the
// marked item only), reception, processing at the commune and at the commune police (liên
// thông), one supplement request with the clock paused, a send-back, approval and the return
// online; another is refused at the desk (Mẫu 03). Bad moves are refused in Vietnamese, change
// nothing and are logged; two officers acting at once: exactly one wins.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as backoffice from '../src/modules/dossiers/backoffice';
import { attachmentDeps } from '../src/modules/attachments';
import { DossierChanged } from '../src/modules/dossiers/errors';
import type { Actor } from '../src/platform/http/context';
import { startTestApp, type TestApp } from './helpers/app';
import { backofficeHelpers, errorsOf, uploadRequested } from './helpers/backoffice';
import { Client } from './helpers/client';
import { blobStoreFor } from '../src/platform/storage';
import { signingFor } from '../src/platform/signing';
import { pdfText, samplePdf } from './helpers/files';

let t: TestApp;
let base: string;

before(async () => {
  t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
after(() => t.close());

const { as, submitted, dossier, act, auditCount } = backofficeHelpers(() => ({ t, base }));

/** The version on the officer's (or applicant's) page, as a form would send it. */
async function versionOn(c: Client, path: string): Promise<string> {
  const page = await c.get(path);
  assert.equal(page.statusCode, 200, page.body.slice(0, 300));
  return /name="version" value="(\d+)"/.exec(page.body)![1]!;
}

describe('one dossier through its whole life', () => {
  let code: string;
  test('the desk asks for a clearer birth certificate (Mẫu 02); the citizen re-uploads only that and sends it back', async () => {
    code = await submitted();
    const desk = await as('motcuaxa');
    // nothing marked, or a marked item without its reason: refused, named, nothing changes
    const empty = await act(desk, code, 'requestCompletion', {});
    assert.equal(empty.statusCode, 400);
    assert.match(errorsOf(empty.body), /Đánh dấu ít nhất một thành phần/);
    const noReason = await act(desk, code, 'requestCompletion', { item: ['c:1'], 'reason-c:1Code': '', 'reason-c:1Explanation': '' });
    assert.equal(noReason.statusCode, 400);
    assert.match(errorsOf(noReason.body), /Chọn lý do trong danh sách/);
    assert.match(errorsOf(noReason.body), /Giải thích cho người nộp/);
    assert.equal((await dossier(code)).state, 'SUBMITTED');
    assert.ok((await auditCount('dossier.refused', code)) >= 2, 'the refused attempts are logged');

    const ok = await act(desk, code, 'requestCompletion', { item: ['c:1'], 'reason-c:1Code': 'khong_ro', 'reason-c:1Explanation': 'Ảnh Giấy chứng sinh bị mờ, không đọc được số và ngày cấp.' });
    assert.equal(ok.statusCode, 303, errorsOf(ok.body));
    assert.equal((await dossier(code)).state, 'RETURNED_FOR_COMPLETION');
    const mau02 = await desk.get(`/ho-so/${code}/van-ban/phieu-yeu-cau-bo-sung.pdf`);
    assert.equal(mau02.statusCode, 200);
    const text = pdfText(mau02.rawPayload);
    assert.match(text, /PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ/);
    assert.match(text, /Giấy chứng sinh/);
    assert.match(text, /Ảnh Giấy chứng sinh bị mờ/);

    const citizen = await as('congdan');
    const page = await citizen.get(`/ho-so-cua-toi/${code}`);
    assert.match(page.body, /Cần bổ sung, hoàn thiện hồ sơ/);
    assert.match(page.body, /Ảnh Giấy chứng sinh bị mờ/);
    // exactly the marked item has an upload form
    assert.equal((page.body.match(/name="componentIndex"/g) ?? []).length, 1);
    const early = await citizen.post(`/ho-so-cua-toi/${code}/bo-sung`, { version: /name="version" value="(\d+)"/.exec(page.body)![1]! });
    assert.equal(early.statusCode, 400);
    assert.match(errorsOf(early.body), /Chưa đính kèm “Giấy chứng sinh/);
    const wrong = await uploadRequested(citizen, `/ho-so-cua-toi/${code}/bo-sung/tep`, 5, 'can-cuoc.pdf', samplePdf('Can cuoc'));
    assert.equal(wrong.statusCode, 400, 'an item that was not asked for is refused');
    const up = await uploadRequested(citizen, `/ho-so-cua-toi/${code}/bo-sung/tep`, 1, 'giay-chung-sinh-ro.pdf', samplePdf('Giay chung sinh ro net'));
    assert.equal(up.statusCode, 303, errorsOf(up.body));
    const send = await citizen.post(`/ho-so-cua-toi/${code}/bo-sung`, { version: await versionOn(citizen, `/ho-so-cua-toi/${code}`) });
    assert.equal(send.statusCode, 303, errorsOf(send.body));
    assert.equal((await dossier(code)).state, 'SUBMITTED');
    // the desk sees both versions: the first files and the round that answers the request
    const officer = await desk.get(`/mot-cua/ho-so/${code}`);
    assert.match(officer.body, /Nộp lần đầu/);
    assert.match(officer.body, /Bổ sung lần 1/);
    assert.match(officer.body, /giay-chung-sinh-ro\.pdf/);
    assert.match(officer.body, /giay-chung-sinh\.pdf/);
  });

  test('the desk receives it and hands it to the workflow’s first step; the wrong people cannot act', async () => {
    const desk = await as('motcuaxa');
    assert.equal((await act(desk, code, 'accept')).statusCode, 303);
    const police = await as('conganxa');
    // the police do not see it before their step, and cannot hand it over by a forged post
    assert.equal((await police.get(`/mot-cua/ho-so/${code}`)).statusCode, 404);
    await police.get('/mot-cua/xu-ly');
    const forged = await police.post(`/mot-cua/ho-so/${code}/thao-tac`, { _action: 'startProcessing', version: String((await dossier(code)).version) });
    assert.equal(forged.statusCode, 404);
    // the commune's specialist sees it but handing over is the desk's move
    const specialist = await as('tuphapxa');
    await specialist.get(`/mot-cua/ho-so/${code}`);
    const notTheirs = await specialist.post(`/mot-cua/ho-so/${code}/thao-tac`, { _action: 'startProcessing', version: String((await dossier(code)).version) });
    assert.equal(notTheirs.statusCode, 403);
    assert.match(notTheirs.body, /không có quyền thực hiện thao tác này/);
    assert.equal((await dossier(code)).state, 'RECEIVED');
    assert.equal((await act(desk, code, 'startProcessing')).statusCode, 303);
    const d = await dossier(code);
    assert.equal(d.state, 'IN_PROCESSING');
    assert.equal(d.stepIndex, 0);
    // an officer of another unit does not even see it
    const other = await as('chuyenvien');
    assert.equal((await other.get(`/mot-cua/ho-so/${code}`)).statusCode, 404);
    assert.ok((await auditCount('dossier.refused', code)) >= 4);
  });

  test('the commune’s specialist asks once for a supplement; the clock pauses until the citizen answers online', async () => {
    const specialist = await as('tuphapxa');
    assert.equal((await act(specialist, code, 'take')).statusCode, 303);
    const before = await dossier(code);
    assert.equal(before.assigneeId !== null, true);
    const r = await act(specialist, code, 'requestSupplement', { item: ['c:5'], 'reason-c:5Code': 'xac_minh', 'reason-c:5Explanation': 'Cần bản chụp mặt sau căn cước của người đi khai sinh để xác minh.' });
    assert.equal(r.statusCode, 303, errorsOf(r.body));
    assert.equal((await dossier(code)).state, 'SUPPLEMENT_REQUESTED');
    const citizen = await as('congdan');
    assert.equal((await uploadRequested(citizen, `/ho-so-cua-toi/${code}/bo-sung/tep`, 5, 'can-cuoc-mat-sau.pdf', samplePdf('Mat sau'))).statusCode, 303);
    const send = await citizen.post(`/ho-so-cua-toi/${code}/bo-sung`, { version: await versionOn(citizen, `/ho-so-cua-toi/${code}`) });
    assert.equal(send.statusCode, 303, errorsOf(send.body));
    const after = await dossier(code);
    assert.equal(after.state, 'IN_PROCESSING');
    assert.equal(after.pauses.length, 1);
    assert.ok(after.pauses[0]!.end !== null, 'the pause is closed');
    assert.ok(after.dueAt!.getTime() >= before.dueAt!.getTime(), 'the due date does not move earlier');
    // a second supplement request is refused
    const again = await act(specialist, code, 'requestSupplement', { item: ['c:1'], 'reason-c:1Code': 'thieu', 'reason-c:1Explanation': 'Thêm một lần nữa để thử quy tắc một lần.' });
    assert.equal(again.statusCode, 303, 'the page says why');
    assert.match((await specialist.get(`/mot-cua/ho-so/${code}`)).body, /không yêu cầu bổ sung lần thứ hai/);
    assert.equal((await dossier(code)).state, 'IN_PROCESSING');
    assert.equal((await dossier(code)).supplementCount, 1);
  });

  test('liên thông: the commune police do their part and the dossier comes back; only they may answer', async () => {
    const specialist = await as('tuphapxa');
    assert.equal((await act(specialist, code, 'consult')).statusCode, 303);
    assert.equal((await dossier(code)).state, 'CONSULTING');
    assert.equal((await act(specialist, code, 'consulted', { opinion: 'Tôi tự trả lời thay công an.' })).statusCode, 403, 'the commune cannot answer for its police');
    const police = await as('conganxa');
    const short = await act(police, code, 'consulted', { opinion: 'Xong' });
    assert.equal(short.statusCode, 400);
    assert.match(errorsOf(short.body), /ý kiến hoặc kết quả phối hợp/);
    assert.equal((await act(police, code, 'consulted', { opinion: 'Đã đăng ký thường trú cho trẻ tại địa chỉ của mẹ.' })).statusCode, 303);
    const d = await dossier(code);
    assert.equal(d.state, 'IN_PROCESSING');
    assert.equal(d.stepIndex, 2);
  });

  test('the draft result goes to the leader, is sent back with a reason, then approved and numbered', async () => {
    const specialist = await as('tuphapxa');
    const noFile = await act(specialist, code, 'sendForApproval', { outcome: 'result' });
    assert.equal(noFile.statusCode, 400);
    assert.match(errorsOf(noFile.body), /Đính kèm tệp PDF dự thảo kết quả/);
    const path = `/mot-cua/ho-so/${code}`;
    const version = await versionOn(specialist, path);
    const form = new FormData();
    for (const [k, v] of Object.entries({ _csrf: specialist.lastCsrf ?? '', _action: 'sendForApproval', version, outcome: 'result' })) form.append(k, v);
    form.append('resultFile', new Blob([samplePdf('Giay khai sinh Nguyen Minh Khang')]), 'giay-khai-sinh.pdf');
    const sent = await specialist.postMultipart(`${path}/thao-tac`, form);
    assert.equal(sent.statusCode, 303, errorsOf(sent.body));
    assert.equal((await dossier(code)).state, 'AWAITING_APPROVAL');

    const leader = await as('chutichxa');
    // the leader of the unit holding the dossier may apologise for a delay (Mẫu 04); the specialist may not
    assert.match((await leader.get(`/mot-cua/ho-so/${code}`)).body, /lập phiếu xin lỗi và hẹn lại ngày trả kết quả/);
    assert.doesNotMatch((await specialist.get(`/mot-cua/ho-so/${code}`)).body, /lập phiếu xin lỗi/);
    const bare = await act(leader, code, 'sendBack', {});
    assert.equal(bare.statusCode, 400, 'no send-back without a reason');
    assert.equal((await act(leader, code, 'sendBack', { reasonCode: 'noi_dung', reasonExplanation: 'Sai chính tả tên của mẹ trong dự thảo.' })).statusCode, 303);
    assert.equal((await dossier(code)).stepIndex, 2);
    assert.equal((await act(specialist, code, 'sendForApproval', { outcome: 'result' })).statusCode, 303, 'the draft already attached is sent again');
    // the citizen cannot see the draft before approval
    const citizen = await as('congdan');
    assert.equal((await citizen.get(`/ho-so/${code}/van-ban/ket-qua.pdf`)).statusCode, 404);
    assert.equal((await act(leader, code, 'approve')).statusCode, 303);
    const d = await dossier(code);
    assert.equal(d.state, 'RESULT_READY');
    assert.match(d.resultNumber ?? '', /^\d+\/\d{4}\/KQ$/);
  });

  test('the citizen downloads the result and confirms it online; Mẫu 05 lists every handover', async () => {
    const citizen = await as('congdan');
    const result = await citizen.get(`/ho-so/${code}/van-ban/ket-qua.pdf`);
    assert.equal(result.statusCode, 200);
    assert.match(pdfText(result.rawPayload), /Giay khai sinh Nguyen Minh Khang/);
    const r = await citizen.post(`/ho-so-cua-toi/${code}/nhan-ket-qua`, { version: await versionOn(citizen, `/ho-so-cua-toi/${code}`) });
    assert.equal(r.statusCode, 303);
    const d = await dossier(code);
    assert.equal(d.state, 'DELIVERED');
    assert.equal((d.delivery as { channel: string }).channel, 'online');

    // the citizen rates the service once (feeds the satisfaction indicator)
    const page = await citizen.get(`/ho-so-cua-toi/${code}`);
    assert.match(page.body, /Đánh giá chất lượng phục vụ/);
    const none = await citizen.post(`/ho-so-cua-toi/${code}/danh-gia`, { comment: '' });
    assert.equal(none.statusCode, 400);
    assert.match(errorsOf(none.body), /Chọn một mức đánh giá/);
    assert.equal((await citizen.post(`/ho-so-cua-toi/${code}/danh-gia`, { rating: '5', comment: 'Nhanh, cán bộ hướng dẫn rõ.' })).statusCode, 303);
    await citizen.get(`/ho-so-cua-toi/${code}`);
    assert.equal((await citizen.post(`/ho-so-cua-toi/${code}/danh-gia`, { rating: '1' })).statusCode, 303);
    assert.match((await citizen.get(`/ho-so-cua-toi/${code}`)).body, /Bạn đã đánh giá hồ sơ này|Bạn đã đánh giá: Rất hài lòng/);
    assert.equal((await dossier(code)).rating, 5, 'the first rating stands');
    const stranger = await as('doanhnghiep');
    await stranger.get('/ho-so-cua-toi');
    assert.equal((await stranger.post(`/ho-so-cua-toi/${code}/danh-gia`, { rating: '1' })).statusCode, 404);

    const desk = await as('motcuaxa');
    const mau05 = await desk.get(`/mot-cua/ho-so/${code}/phieu-kiem-soat.pdf`);
    assert.equal(mau05.statusCode, 200);
    const text = pdfText(mau05.rawPayload);
    assert.match(text, /PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ/);
    // (the step column wraps: match the start of each step's name)
    for (const step of ['Tiếp nhận hồ', 'thẩm định hồ', 'thường trú cho', 'Trả kết']) assert.match(text, new RegExp(step));
    assert.match(text, /Công an phường Lương Văn Tri/);
    assert.match(text, /Đúng hạn|Trước hạn/);
    const rows = await t.database.db.selectFrom('dossierHandovers').select(['stepKey', 'finishedAt']).where('dossierId', '=', d.id).orderBy('id').execute();
    assert.deepEqual(
      rows.map((h) => h.stepKey),
      ['tiep-nhan', 'tham-dinh', 'lien-thong-cu-tru', 'du-thao', 'phe-duyet', 'du-thao', 'phe-duyet', 'tra-ket-qua'],
    );
    assert.ok(rows.every((h) => h.finishedAt !== null), 'every handover is closed once delivered');
  });
});

describe('refusal at the desk, and races', () => {
  test('the desk refuses with a reason (Mẫu 03), which the citizen sees', async () => {
    const code = await submitted();
    const desk = await as('motcuaxa');
    const bare = await act(desk, code, 'rejectAtReception', { reasonCode: 'khong_tham_quyen', reasonExplanation: '' });
    assert.equal(bare.statusCode, 400);
    const r = await act(desk, code, 'rejectAtReception', { reasonCode: 'khong_tham_quyen', reasonExplanation: 'Trẻ sinh ra tại tỉnh khác, cha mẹ thường trú tại tỉnh khác.' });
    assert.equal(r.statusCode, 303, errorsOf(r.body));
    assert.equal((await dossier(code)).state, 'REJECTED_AT_RECEPTION');
    const citizen = await as('congdan');
    const mau03 = await citizen.get(`/ho-so/${code}/van-ban/phieu-tu-choi.pdf`);
    assert.equal(mau03.statusCode, 200);
    assert.match(pdfText(mau03.rawPayload), /Trẻ sinh ra tại tỉnh khác/);
    const tracking = await new Client(t.app).get(`/tra-cuu-ho-so?ma=${code}`);
    assert.match(tracking.body, /Không thuộc thẩm quyền giải quyết/);
    assert.doesNotMatch(tracking.body, /Dự kiến trả kết quả/, 'no expected date for a refused dossier');
    // a refused dossier cannot be received afterwards
    assert.equal((await act(desk, code, 'accept')).statusCode, 303);
    assert.equal((await dossier(code)).state, 'REJECTED_AT_RECEPTION');
  });

  test('two officers taking the same dossier at once: exactly one wins, every time', async () => {
    const code = await submitted();
    const desk = await as('motcuaxa');
    assert.equal((await act(desk, code, 'accept')).statusCode, 303);
    assert.equal((await act(desk, code, 'startProcessing')).statusCode, 303);
    const account = await t.database.db.selectFrom('accounts').select(['id', 'fullName', 'unitId']).where('username', '=', 'tuphapxa').executeTakeFirstOrThrow();
    const officer = (ip: string): Actor => ({ id: account.id, username: 'tuphapxa', fullName: account.fullName, role: 'specialist', unitId: account.unitId, ip });
    const blobs = blobStoreFor(t.config);
    const deps: backoffice.BackofficeDeps = { db: t.database.db, jobs: t.jobs, blobs, publicUrl: t.config.publicUrl, attachments: attachmentDeps({ config: t.config, db: t.database.db, blobs }), signing: signingFor(t.config) };
    for (let round = 0; round < 15; round++) {
      const version = (await dossier(code)).version;
      const results = await Promise.allSettled([backoffice.take(deps, officer('10.0.0.1'), code, version), backoffice.take(deps, officer('10.0.0.2'), code, version)]);
      const won = results.filter((r) => r.status === 'fulfilled').length;
      assert.equal(won, 1, `round ${round}: ${won} won`);
      const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      assert.ok(lost.reason instanceof DossierChanged, String(lost.reason));
      assert.equal((await dossier(code)).version, version + 1);
    }
  });
});

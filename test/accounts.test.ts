import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Client } from './helpers/client';
import { startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
before(async () => {
  t = await startTestApp({ LOGIN_MAX_FAILURES: '3', LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
});
after(() => t.close());

describe('login and logout', () => {
  test('every demo account signs in with demo1234 and lands on its home page', async () => {
    const homes: Record<string, string> = {
      congdan: '/tai-khoan',
      doanhnghiep: '/tai-khoan',
      motcua: '/quan-ly',
      chuyenvien: '/quan-ly',
      lanhdao: '/quan-ly',
      quantri: '/quan-ly',
      kiemtra: '/quan-ly',
    };
    for (const [user, home] of Object.entries(homes)) {
      const c = new Client(t.app);
      const res = await c.login(user);
      assert.equal(res.headers.location, home, user);
      const page = await c.get(home);
      assert.equal(page.statusCode, 200, user);
    }
  });

  test('a citizen can sign in with the phone number or the e-mail address', async () => {
    for (const key of ['0912345678', '+84 912 345 678', 'CONGDAN@vidu.vn']) {
      const c = new Client(t.app);
      await c.get('/dang-nhap');
      const res = await c.post('/dang-nhap', { login: key, password: 'demo1234' });
      assert.equal(res.statusCode, 303, key);
    }
  });

  test('a wrong password re-shows the form with a Vietnamese message and keeps the login name', async () => {
    const c = new Client(t.app);
    await c.get('/dang-nhap');
    const res = await c.post('/dang-nhap', { login: 'kiemtra', password: 'sai-mat-khau' });
    assert.equal(res.statusCode, 401);
    assert.match(res.body, /Tên đăng nhập hoặc mật khẩu không đúng/);
    assert.match(res.body, /value="kiemtra"/);
    assert.match(res.body, /href="#f-login"/);
  });

  test('an unknown user gets the same message as a wrong password', async () => {
    const c = new Client(t.app);
    await c.get('/dang-nhap');
    const res = await c.post('/dang-nhap', { login: 'khong-co-ai', password: 'demo1234' });
    assert.equal(res.statusCode, 401);
    assert.match(res.body, /Tên đăng nhập hoặc mật khẩu không đúng/);
  });

  test('repeated wrong passwords lock the account, even against the right password, with a Vietnamese message', async () => {
    const c = new Client(t.app);
    await c.get('/dang-nhap');
    for (let i = 0; i < 2; i++) assert.equal((await c.post('/dang-nhap', { login: 'doanhnghiep', password: 'sai' })).statusCode, 401);
    const locked = await c.post('/dang-nhap', { login: 'doanhnghiep', password: 'sai' });
    assert.equal(locked.statusCode, 423);
    assert.match(locked.body, /Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần/);
    const right = await c.post('/dang-nhap', { login: 'doanhnghiep', password: 'demo1234' });
    assert.equal(right.statusCode, 423);
    await t.database.db.updateTable('accounts').set({ lockedUntil: null, failedLogins: 0 }).where('username', '=', 'doanhnghiep').execute();
  });

  test('signing in gives a new session id, so a planted session id is useless', async () => {
    const c = new Client(t.app);
    await c.get('/dang-nhap');
    const before = c.cookie('mc_sid');
    assert.ok(before, 'the login form starts a session for its CSRF token');
    await c.post('/dang-nhap', { login: 'congdan', password: 'demo1234' });
    const afterLogin = c.cookie('mc_sid');
    assert.ok(afterLogin);
    assert.notEqual(afterLogin, before);
  });

  test('the session cookie is HttpOnly and SameSite=Lax, and Secure behind HTTPS', async () => {
    const c = new Client(t.app);
    const res = await c.get('/dang-nhap');
    const cookie = [res.headers['set-cookie']].flat().find((h) => String(h).startsWith('mc_sid='));
    assert.match(String(cookie), /HttpOnly/);
    assert.match(String(cookie), /SameSite=Lax/);
    assert.doesNotMatch(String(cookie), /Secure/);
  });

  test('logout ends the session: the account page then asks to sign in', async () => {
    const c = new Client(t.app);
    await c.login('congdan');
    const account = await c.get('/tai-khoan');
    assert.equal(account.statusCode, 200);
    const out = await c.post('/dang-xuat', {});
    assert.equal(out.statusCode, 303);
    const home = await c.get('/');
    assert.match(home.body, /Bạn đã đăng xuất/);
    const again = await c.get('/tai-khoan');
    assert.equal(again.statusCode, 303);
    assert.equal(again.headers.location, '/dang-nhap?tiep=%2Ftai-khoan');
  });

  test('a return address after login must be a local path (no open redirect)', async () => {
    for (const evil of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
      const c = new Client(t.app);
      await c.get('/dang-nhap');
      const res = await c.post(`/dang-nhap?tiep=${encodeURIComponent(evil)}`, { login: 'congdan', password: 'demo1234' });
      assert.equal(res.headers.location, '/tai-khoan', evil);
    }
    const c = new Client(t.app);
    await c.get('/dang-nhap');
    const ok = await c.post(`/dang-nhap?tiep=${encodeURIComponent('/co-quan')}`, { login: 'congdan', password: 'demo1234' });
    assert.equal(ok.headers.location, '/co-quan');
  });

  test('an expired session sends the person to the login page with a Vietnamese explanation', async () => {
    const c = new Client(t.app);
    await c.login('chuyenvien');
    await t.database.db.updateTable('sessions').set({ expiresAt: new Date(Date.now() - 1000) }).execute();
    const res = await c.get('/quan-ly');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/dang-nhap?tiep=%2Fquan-ly');
    const login = await c.get('/dang-nhap?tiep=%2Fquan-ly');
    assert.match(login.body, /Phiên đăng nhập đã hết hạn/);
  });
});

describe('CSRF', () => {
  test('a form post without the CSRF token is refused with a Vietnamese page and changes nothing', async () => {
    const c = new Client(t.app);
    await c.get('/dang-ky');
    const res = await c.post('/dang-ky', { _csrf: null, fullName: 'Trần Văn Bình', contact: '0987000111', password: 'mat-khau-dai', passwordConfirm: 'mat-khau-dai', kind: 'citizen' });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /thiếu mã bảo vệ/);
    assert.doesNotMatch(res.body, /at .*\.ts:\d+/, 'no stack trace');
    const row = await t.database.db.selectFrom('accounts').select('id').where('phone', '=', '0987000111').executeTakeFirst();
    assert.equal(row, undefined);
  });

  test('a token from another session is refused', async () => {
    const a = new Client(t.app);
    await a.get('/dang-nhap');
    const b = new Client(t.app);
    await b.get('/dang-nhap');
    const res = await b.post('/dang-nhap', { _csrf: a.lastCsrf ?? '', login: 'congdan', password: 'demo1234' });
    assert.equal(res.statusCode, 403);
  });
});

describe('registration', () => {
  test('a citizen registers with a phone number, is signed in, and the password is stored as argon2id', async () => {
    const c = new Client(t.app);
    await c.get('/dang-ky');
    const res = await c.post('/dang-ky', { fullName: 'Đặng Thị Hồng Nhung', contact: '0988 123 456', password: 'hoa-ban-trang', passwordConfirm: 'hoa-ban-trang', kind: 'citizen' });
    assert.equal(res.statusCode, 303);
    const page = await c.get('/tai-khoan');
    assert.match(page.body, /Đặng Thị Hồng Nhung/);
    assert.match(page.body, /Đăng ký tài khoản thành công/);
    const row = await t.database.db.selectFrom('accounts').selectAll().where('phone', '=', '0988123456').executeTakeFirstOrThrow();
    assert.match(row.passwordHash, /^\$argon2id\$/);
    assert.equal(row.role, 'citizen');
  });

  test('a business registers with an e-mail address', async () => {
    const c = new Client(t.app);
    await c.get('/dang-ky');
    const res = await c.post('/dang-ky', { fullName: 'Hợp tác xã Hồi Đình Lập', contact: 'HTX.Hoi@Vidu.VN', password: 'hoi-dinh-lap-2026', passwordConfirm: 'hoi-dinh-lap-2026', kind: 'business' });
    assert.equal(res.statusCode, 303);
    const row = await t.database.db.selectFrom('accounts').selectAll().where('email', '=', 'htx.hoi@vidu.vn').executeTakeFirstOrThrow();
    assert.equal(row.role, 'business');
  });

  test('every invalid field is reported at once in Vietnamese and the typed values are kept', async () => {
    const c = new Client(t.app);
    await c.get('/dang-ky');
    const res = await c.post('/dang-ky', { fullName: 'A', contact: '12345', password: 'ngan', passwordConfirm: 'khac', kind: 'citizen' });
    assert.equal(res.statusCode, 400);
    for (const [field, text] of [
      ['fullName', 'Nhập họ và tên'],
      ['contact', 'không đúng định dạng'],
      ['password', 'ít nhất 8 ký tự'],
      ['passwordConfirm', 'không khớp'],
    ]) {
      assert.match(res.body, new RegExp(`href="#f-${field}"`), field);
      assert.match(res.body, new RegExp(text as string), field);
    }
    assert.match(res.body, /value="12345"/);
  });

  test('a phone number already used is refused with a message on the contact field', async () => {
    const c = new Client(t.app);
    await c.get('/dang-ky');
    const res = await c.post('/dang-ky', { fullName: 'Người Thứ Hai', contact: '0912345678', password: 'mot-mat-khau', passwordConfirm: 'mot-mat-khau', kind: 'citizen' });
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /đã được dùng cho một tài khoản khác/);
  });

  test('HTML in a name is shown as text, never run', async () => {
    const c = new Client(t.app);
    await c.get('/dang-ky');
    const res = await c.post('/dang-ky', { fullName: '"><script>alert(1)</script>', contact: 'x', password: 'a', passwordConfirm: 'a', kind: 'citizen' });
    assert.doesNotMatch(res.body, /"><script>alert/, 'the value cannot break out of its attribute');
    assert.match(res.body, /value="&#34;><script>alert\(1\)<\/script>"/);
  });

  test('a malformed form body is refused with a clear message, not a crash', async () => {
    const c = new Client(t.app);
    await c.get('/dang-ky');
    const res = await t.app.inject({ method: 'POST', url: '/dang-ky', payload: '%%%', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.ok(res.statusCode >= 400 && res.statusCode < 500, String(res.statusCode));
    assert.match(res.body, /[ăâđêôơư]/i);
  });
});

describe('password change', () => {
  test('changing the password signs out the other devices and the new password works', async () => {
    const phone = new Client(t.app);
    await phone.login('lanhdao');
    const desk = new Client(t.app);
    await desk.login('lanhdao');
    await desk.get('/tai-khoan/doi-mat-khau');
    const wrong = await desk.post('/tai-khoan/doi-mat-khau', { current: 'sai', next: 'mat-khau-moi-123', confirm: 'mat-khau-moi-123' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Mật khẩu hiện tại không đúng/);
    const ok = await desk.post('/tai-khoan/doi-mat-khau', { current: 'demo1234', next: 'mat-khau-moi-123', confirm: 'mat-khau-moi-123' });
    assert.equal(ok.statusCode, 303);
    assert.equal((await desk.get('/quan-ly')).statusCode, 200, 'this device stays signed in');
    assert.equal((await phone.get('/quan-ly')).statusCode, 303, 'the other device is signed out');
    const again = new Client(t.app);
    await again.get('/dang-nhap');
    assert.equal((await again.post('/dang-nhap', { login: 'lanhdao', password: 'demo1234' })).statusCode, 401);
    assert.equal((await again.post('/dang-nhap', { login: 'lanhdao', password: 'mat-khau-moi-123' })).statusCode, 303);
  });
});

describe('audit', () => {
  test('sign-ins and failures are in the audit log, and the chain verifies', async () => {
    const rows = await t.database.db.selectFrom('auditLog').select(['action']).execute();
    const actions = new Set(rows.map((r) => r.action));
    for (const a of ['account.login', 'account.login_failed', 'account.locked', 'account.registered', 'account.logout', 'account.password_changed']) {
      assert.ok(actions.has(a), a);
    }
    const c = new Client(t.app);
    await c.login('kiemtra');
    const page = await c.get('/kiem-tra/nhat-ky');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Chuỗi băm toàn vẹn/);
  });
});

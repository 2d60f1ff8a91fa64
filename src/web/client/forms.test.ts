// The pure parts of the e-form script, checked against what the server renders; the script's
// behaviour in a browser is test/e2e/forms-script.test.ts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { khaiSinh, thuongTru } from '../../modules/forms/definitions';
import { parseFormBody, validateAnswers } from '../../modules/forms/model';
import { FormFields } from '../../modules/forms/render';
import { EformDefinitionScript } from '../client-data';
import { fieldId as serverFieldId } from '../components';
import { fieldId, flatten, messagesById, parseShowIf } from './forms';

const TODAY = '2026-03-15';

function attrs(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`${name}="([^"]*)"`, 'g'))].map((m) => (m[1] ?? '').replace(/&(#34|quot);/g, '"').replace(/&(#39|apos);/g, "'").replace(/&amp;/g, '&'));
}

describe('e-form script, pure parts', () => {
  test('field ids are made exactly as the server makes them', () => {
    for (const path of ['requesterName', 'members[1].birthDate', 'members[1][birthDate]', 'requesterAddress.communeCode', 'a__b', 'x[]']) {
      assert.equal(fieldId(path), serverFieldId(path), path);
    }
    // the HTML name and the error path of a field give the same id
    assert.equal(fieldId('members[1][birthDate]'), fieldId('members[1].birthDate'));
  });

  test('form entries become the flat map parseFormBody takes, repeated names as lists, files left out', () => {
    const flat = flatten([
      ['a', '1'],
      ['docs[]', 'x'],
      ['docs[]', 'y'],
      ['docs[]', 'z'],
      ['file', { name: 'scan.pdf' }],
      ['members[0][fullName]', 'Lò Văn A'],
    ]);
    assert.deepEqual(flat, { a: '1', 'docs[]': ['x', 'y', 'z'], 'members[0][fullName]': 'Lò Văn A' });
    assert.deepEqual(parseFormBody(flat), { a: '1', docs: ['x', 'y', 'z'], members: [{ fullName: 'Lò Văn A' }] });
  });

  test('a field named like an Object property is an ordinary answer', () => {
    assert.deepEqual(flatten([['constructor', 'x'], ['toString', 'y']]), { constructor: 'x', toString: 'y' });
  });

  test('reads the conditions render.tsx writes, at the top level and inside group items', async () => {
    const ks = String(await FormFields({ def: khaiSinh, values: {}, errors: [], today: TODAY }));
    const conds = attrs(ks, 'data-show-if').map(parseShowIf);
    assert.ok(conds.length >= 6);
    assert.equal(conds.filter((c) => c?.field === 'coCha').length, 5, 'the five father fields');
    assert.deepEqual(conds.find((c) => c?.field === 'coCha'), { field: 'coCha', values: ['true'] });
    assert.deepEqual(conds.find((c) => c?.field === 'relationship'), { field: 'relationship', values: ['nguoi_than', 'nguoi_nuoi_duong'] });

    const tt = String(await FormFields({ def: thuongTru, values: { members: [{ fullName: 'Lò Văn A' }] }, errors: [], today: TODAY }));
    const inGroup = attrs(tt, 'data-show-if').map(parseShowIf).filter((c) => c?.field.startsWith('members['));
    assert.deepEqual(inGroup, [
      { field: 'members[0][relationToHead]', values: ['khac'] },
      { field: 'members[1][relationToHead]', values: ['khac'] },
    ]);
  });

  test('an unreadable condition is ignored rather than hiding the field', () => {
    for (const bad of [null, '', '{', '"x"', '{"field":1,"values":[]}', '{"field":"a","values":[true]}']) assert.equal(parseShowIf(bad), undefined);
  });

  test('every error the validator gives on the demo forms has a field with that id on the page', async () => {
    const posts = [
      { def: khaiSinh, raw: { requesterIdNumber: '12345678901', coCha: 'true', banSao: 'true', soBanSao: '99', requesterAddress: { detail: 'x' } } },
      { def: thuongTru, raw: parseFormBody({ laChuHo: 'false', 'members[0][fullName]': 'Lò Văn A', 'members[0][relationToHead]': 'khac', 'members[0][idNumber]': '1' }) },
    ];
    for (const { def, raw } of posts) {
      const { errors } = validateAnswers(def, raw, { today: TODAY });
      assert.ok(errors.length > 5);
      const html = String(await FormFields({ def, values: raw, errors: [], today: TODAY }));
      const ids = new Set(attrs(html, 'id'));
      for (const id of messagesById(errors).keys()) assert.ok(ids.has(id), `${def.procedureCode}: no element with id ${id}`);
    }
  });

  test('the first message of a field is the one it shows', () => {
    const byId = messagesById([
      { field: 'members[0].idNumber', message: 'một' },
      { field: 'members[0].idNumber', message: 'hai' },
      { field: 'phone', message: 'ba' },
    ]);
    assert.deepEqual([...byId], [
      ['f-members-0-idNumber', 'một'],
      ['f-phone', 'ba'],
    ]);
  });
});

describe('EformDefinitionScript', () => {
  test('embeds the definition as JSON that no label can break out of', async () => {
    const def = { ...khaiSinh, title: 'Tờ khai </script><script>alert(1)</script> <!-- & \u2028' };
    const html = String(await EformDefinitionScript({ def }));
    assert.match(html, /^<script type="application\/json" id="eform-definition">/);
    const body = html.replace(/^<script[^>]*>/, '').replace(/<\/script>$/, '');
    assert.ok(!body.includes('<'), 'no < inside the data block');
    assert.deepEqual(JSON.parse(body), JSON.parse(JSON.stringify(def)));
  });
});

// The browser bundles (scripts/build-js.ts): one per *-entry.ts, browser-only, small, old-phone syntax.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';
import { buildJs, bundlePath, clientEntries, type JsBundle } from '../../../scripts/build-js';
import { CLIENT_SCRIPTS } from '../../platform/http/context';

/** Gzip budgets: pages must stay light on slow 3G. */
const BUDGET_GZIP: Record<string, number> = { forms: 30 * 1024 };
const DEFAULT_BUDGET_GZIP = 50 * 1024;

let bundles: JsBundle[];
before(async () => {
  bundles = await buildJs({ quiet: true });
});

describe('browser bundles', () => {
  test('every src/web/client/*-entry.ts becomes public/build/<name>.js, and pages can ask for it', () => {
    const names = clientEntries();
    assert.ok(names.includes('forms'));
    assert.deepEqual(
      bundles.map((b) => b.name),
      names,
    );
    for (const name of names) {
      assert.ok(readFileSync(bundlePath(name), 'utf8').length > 100, `${name}.js`);
      assert.ok((CLIENT_SCRIPTS as readonly string[]).includes(name), `${name} is missing from CLIENT_SCRIPTS (platform/http/context.ts)`);
    }
  });

  test('a bundle holds nothing Node-only and no server code', () => {
    for (const b of bundles) {
      assert.deepEqual(
        b.inputs.filter((i) => i.startsWith('node:') || /(^|\/)(platform\/(db|http)|node_modules\/(@node-rs|pg|kysely|fastify))\//.test(i)),
        [],
        b.name,
      );
      const code = readFileSync(bundlePath(b.name), 'utf8');
      assert.doesNotMatch(code, /\brequire\(|\bprocess\.env\b|["']node:/, b.name);
    }
  });

  test('the forms script is the pure validator and its DOM glue, nothing else', () => {
    const forms = bundles.find((b) => b.name === 'forms');
    assert.deepEqual(forms?.inputs, [
      'src/modules/accounts/model.ts',
      'src/modules/forms/model.ts',
      'src/platform/format.ts',
      'src/web/client/forms-entry.ts',
      'src/web/client/forms.ts',
    ]);
  });

  test('bundles stay within their gzip budget', () => {
    for (const b of bundles) {
      const budget = BUDGET_GZIP[b.name] ?? DEFAULT_BUDGET_GZIP;
      assert.ok(b.gzipBytes < budget, `${b.name}.js is ${b.gzipBytes} bytes gzipped, over its ${budget}`);
    }
  });

  test('syntax newer than ES2019 is lowered for older Android phones', () => {
    for (const b of bundles) {
      const code = readFileSync(bundlePath(b.name), 'utf8');
      // ?? and ?. (ES2020), ??= (ES2021), class static blocks and #private (ES2022)
      assert.doesNotMatch(code, /\?\?|\?\.[a-zA-Z_$[(]|static\s*\{|#[a-zA-Z_$][\w$]*\s+in\b/, b.name);
    }
  });

  test('building again gives the same bytes and rewrites nothing', async () => {
    const again = await buildJs({ quiet: true });
    assert.deepEqual(
      again.map((b) => b.changed),
      again.map(() => false),
    );
    assert.deepEqual(
      again.map((b) => b.bytes),
      bundles.map((b) => b.bytes),
    );
  });
});

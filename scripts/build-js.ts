// Builds the browser scripts: every src/web/client/<name>-entry.ts becomes public/build/<name>.js,
// one minified, self-contained file (no modules, no chunks) for Chrome 73-era Android phones
// (ES2019). Pages link them with ?v=<content hash> (platform/http siteInfo), so the year-long
// cache of /static/ is safe. Scripts are progressive enhancement: every page works without them.
// Run by `npm run build:js`, on postinstall, and by start when a bundle is missing.
// Idempotent: the same source gives the same bytes, and an unchanged file is not rewritten.
import { existsSync, readdirSync, readFileSync, renameSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Metafile, Plugin } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '..');
export const CLIENT_DIR = path.join(ROOT, 'src/web/client');
const OUT_DIR = path.join(ROOT, 'public/build');
const ENTRY_SUFFIX = '-entry.ts';
/** What the bundles are written for: syntax newer than this is lowered by esbuild. */
export const JS_TARGET = 'es2019';

/**
 * What must never reach a browser bundle: server-only code (database, sessions, passwords,
 * logs, PDF) pulled in by an import that looked harmless. Paths as esbuild's metafile gives them.
 */
const SERVER_ONLY: RegExp[] = [
  /node_modules\/(@node-rs|argon2|pg|pg-boss|kysely|fastify|@fastify|@electric-sql|pino|pdfmake|exceljs|nodemailer|@tus\/server|@tus\/file-store|sharp|@aws-sdk)\//,
  /^src\/platform\/(db|http|storage|pdf)\//,
  /^src\/modules\/[^/]+\/(store|service|routes|pages)\.tsx?$/,
];

export interface JsBundle {
  name: string;
  file: string;
  bytes: number;
  gzipBytes: number;
  changed: boolean;
  /** The source files in the bundle, relative to the project. */
  inputs: string[];
}

/** The names of the entries: src/web/client/forms-entry.ts → 'forms'. */
export function clientEntries(): string[] {
  if (!existsSync(CLIENT_DIR)) return [];
  return readdirSync(CLIENT_DIR)
    .filter((f) => f.endsWith(ENTRY_SUFFIX))
    .map((f) => f.slice(0, -ENTRY_SUFFIX.length))
    .sort();
}

export function bundlePath(name: string): string {
  return path.join(OUT_DIR, `${name}.js`);
}

/** Whether an entry has no bundle yet (start builds them then, as it does app.css). */
export function bundlesMissing(): boolean {
  return clientEntries().some((name) => !existsSync(bundlePath(name)));
}

/** Refuses node:… and bare Node built-ins at resolve time, naming the file that imported them. */
const browserOnly: Plugin = {
  name: 'browser-only',
  setup(build) {
    build.onResolve({ filter: /^node:/ }, (args) => ({
      errors: [{ text: `${args.path} is Node-only and cannot go to the browser (imported by ${path.relative(ROOT, args.importer)})` }],
    }));
  },
};

export async function buildJs(options: { quiet?: boolean } = {}): Promise<JsBundle[]> {
  const names = clientEntries();
  if (names.length === 0) return [];
  // loaded here, so that start can ask bundlesMissing() without loading esbuild
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(names.map((n) => [n, path.join(CLIENT_DIR, `${n}${ENTRY_SUFFIX}`)])),
    outdir: OUT_DIR,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: JS_TARGET,
    minify: true,
    charset: 'utf8',
    legalComments: 'none',
    // @kitajs/html's JSX would only come in through a server component by mistake
    jsx: 'automatic',
    jsxImportSource: '@kitajs/html',
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [browserOnly],
  });

  const bundles: JsBundle[] = [];
  mkdirSync(OUT_DIR, { recursive: true });
  for (const name of names) {
    const out = bundlePath(name);
    const file = result.outputFiles.find((f) => f.path === out);
    if (!file) throw new Error(`esbuild gave no output for ${name}`);
    const inputs = bundleInputs(result.metafile, path.relative(ROOT, out));
    const banned = inputs.filter((i) => SERVER_ONLY.some((re) => re.test(i)));
    if (banned.length > 0) throw new Error(`${name}.js would contain server-only code: ${banned.join(', ')}`);

    const code = file.text.endsWith('\n') ? file.text : file.text + '\n';
    const changed = !existsSync(out) || readFileSync(out, 'utf8') !== code;
    if (changed) {
      // write then rename, so a running server never sends half a file
      const tmp = `${out}.${process.pid}.tmp`;
      writeFileSync(tmp, code);
      renameSync(tmp, out);
    }
    bundles.push({
      name,
      file: path.relative(ROOT, out),
      bytes: Buffer.byteLength(code),
      gzipBytes: gzipSync(code, { level: 9 }).length,
      changed,
      inputs,
    });
  }
  if (!options.quiet) {
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    for (const b of bundles) {
      console.log(`${b.file}: ${kb(b.bytes)} raw, ${kb(b.gzipBytes)} gzip${b.changed ? '' : ' (unchanged)'}`);
    }
  }
  return bundles;
}

function bundleInputs(metafile: Metafile, outFile: string): string[] {
  const output = metafile.outputs[outFile.split(path.sep).join('/')];
  if (!output) throw new Error(`esbuild's metafile does not list ${outFile}`);
  return Object.keys(output.inputs).sort();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildJs().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}

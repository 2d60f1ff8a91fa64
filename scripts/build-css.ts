// Builds public/build/app.css from src/web/styles/app.scss (GOV.UK Frontend under our identity).
// Run by `npm run build:css`, on postinstall, and by start/tests when the file is missing.
// Idempotent: the same source gives the same bytes, and an unchanged file is not rewritten.
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { compile } from 'sass';

const ROOT = path.resolve(import.meta.dirname, '..');
const SOURCE = path.join(ROOT, 'src/web/styles/app.scss');
const OUT_DIR = path.join(ROOT, 'public/build');
const OUT_FILE = path.join(OUT_DIR, 'app.css');
const GOVUK_ASSETS = path.join(ROOT, 'node_modules/govuk-frontend/dist/govuk/assets');
/** Must match `$govuk-assets-path` in app.scss: public/build is served at /static/build. */
const ASSETS_URL = '/static/build/assets/';

/** What must never reach our stylesheet: GOV.UK's licensed font and its crown or crest. */
const FORBIDDEN = [/GDS Transport/i, /@font-face/i, /crown/i, /crest/i, /govuk-(logo|icon)/i];

export interface CssBuild {
  file: string;
  bytes: number;
  gzipBytes: number;
  changed: boolean;
  assets: string[];
}

export async function buildCss(options: { quiet?: boolean } = {}): Promise<CssBuild> {
  const result = compile(SOURCE, {
    loadPaths: [path.join(ROOT, 'node_modules')],
    style: 'compressed',
    // deprecation notices from govuk-frontend's own Sass are not ours to fix
    quietDeps: true,
  });
  const css = result.css.endsWith('\n') ? result.css : result.css + '\n';

  for (const pattern of FORBIDDEN) {
    if (pattern.test(css)) {
      throw new Error(`app.css would contain ${pattern} — GOV.UK's font and crown are for GOV.UK only; check app.scss`);
    }
  }

  mkdirSync(OUT_DIR, { recursive: true });
  const assets = copyReferencedAssets(css);

  const changed = !existsSync(OUT_FILE) || readFileSync(OUT_FILE, 'utf8') !== css;
  if (changed) {
    // write then rename, so a running server never reads half a file
    const tmp = `${OUT_FILE}.${process.pid}.tmp`;
    writeFileSync(tmp, css);
    renameSync(tmp, OUT_FILE);
  }

  const build: CssBuild = {
    file: path.relative(ROOT, OUT_FILE),
    bytes: Buffer.byteLength(css),
    gzipBytes: gzipSync(css, { level: 9 }).length,
    changed,
    assets,
  };
  if (!options.quiet) {
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    console.log(
      `${build.file}: ${kb(build.bytes)} raw, ${kb(build.gzipBytes)} gzip` +
        `${changed ? '' : ' (unchanged)'}${assets.length ? `; assets: ${assets.join(', ')}` : ''}`,
    );
  }
  return build;
}

/**
 * Copies each govuk-frontend asset that the CSS refers to (url(/static/build/assets/…)) into
 * public/build/assets/. With our settings there are none; this keeps a future component honest.
 */
function copyReferencedAssets(css: string): string[] {
  const copied: string[] = [];
  for (const match of css.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) {
    const url = match[1]!;
    if (url.startsWith('data:')) continue;
    if (!url.startsWith(ASSETS_URL)) {
      throw new Error(`app.css refers to ${url}, outside ${ASSETS_URL}; set $govuk-assets-path or drop the rule`);
    }
    const relative = url.slice(ASSETS_URL.length).split(/[?#]/)[0]!;
    const from = path.join(GOVUK_ASSETS, relative);
    if (!from.startsWith(GOVUK_ASSETS + path.sep) || !existsSync(from)) {
      throw new Error(`app.css refers to ${url}, which govuk-frontend does not ship`);
    }
    const to = path.join(OUT_DIR, 'assets', relative);
    mkdirSync(path.dirname(to), { recursive: true });
    copyFileSync(from, to);
    copied.push(relative);
  }
  return [...new Set(copied)];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildCss().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}

// public/build/report-progress.js: updates a long report's progress in place (see report-progress.ts).
// Linked with `defer`, so the document is parsed when this runs.
import { type ProgressDoc, watchProgress } from './report-progress';

interface Browser {
  document: ProgressDoc;
  location: { reload(): void };
  fetch(url: string, init: { headers: Record<string, string>; credentials: string }): Promise<{ ok: boolean; text(): Promise<string> }>;
  setTimeout(fn: () => void, ms: number): unknown;
}

const w = globalThis as unknown as Browser;
watchProgress(w.document, {
  fetchText: async (url) => {
    const res = await w.fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    return { ok: res.ok, text: await res.text() };
  },
  reload: () => w.location.reload(),
  later: (fn, ms) => void w.setTimeout(fn, ms),
});

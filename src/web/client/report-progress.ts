// Progressive enhancement of a page that waits for a long report (modules/statistics/pages.tsx,
// <section data-report-run="/bao-cao/lan-lap/<id>">): without JavaScript the page reloads itself
// (<noscript><meta http-equiv="refresh">); with it, the progress text is updated in place from
// the run's JSON every two seconds, and the page reloads once, when the figures are ready.

/** What /bao-cao/lan-lap/<id> answers (modules/statistics/routes.tsx). */
export interface RunAnswer {
  status: 'queued' | 'running' | 'done' | 'failed';
  progressText: string;
}

export function parseRun(body: string): RunAnswer | undefined {
  try {
    const v = JSON.parse(body) as Partial<RunAnswer>;
    if (typeof v.status !== 'string' || typeof v.progressText !== 'string') return undefined;
    return v as RunAnswer;
  } catch {
    return undefined;
  }
}

/** The run has ended one way or the other: the page reloads to show the figures or the failure. */
export function finished(run: RunAnswer): boolean {
  return run.status === 'done' || run.status === 'failed';
}

export const POLL_MS = 2000;

interface El {
  getAttribute(name: string): string | null;
  querySelector(selector: string): El | null;
  textContent: string | null;
}

export interface ProgressDoc {
  querySelector(selector: string): El | null;
}

export interface ProgressEnv {
  fetchText(url: string): Promise<{ ok: boolean; text: string }>;
  reload(): void;
  later(fn: () => void, ms: number): void;
}

/** Polls the run named on the page until it ends; a failed request is tried again at the next tick. */
export function watchProgress(doc: ProgressDoc, env: ProgressEnv): boolean {
  const section = doc.querySelector('[data-report-run]');
  const url = section?.getAttribute('data-report-run');
  if (!section || !url) return false;
  const text = section.querySelector('[data-progress-text]');
  const tick = async () => {
    try {
      const res = await env.fetchText(url);
      const run = res.ok ? parseRun(res.text) : undefined;
      if (run && finished(run)) return env.reload();
      if (run && text) text.textContent = run.progressText;
    } catch {
      // the network dropped: try again at the next tick
    }
    env.later(() => void tick(), POLL_MS);
  };
  env.later(() => void tick(), POLL_MS);
  return true;
}

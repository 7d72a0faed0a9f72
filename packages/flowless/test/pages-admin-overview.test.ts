/**
 * The admin overview: a bar chart per figure and window drawn on the server (SVG, no script, no
 * inline style), each with its title and a text summary for screen readers, over real activity
 * (sign-ins, a failed one, a sign-up, bridge validations, refused requests) at frozen times.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartSummary } from '../src/pages/admin/overview/bar-chart.js';
import { frozenClock } from '../src/runtime/clock.js';
import { getPage } from './support/admin-pages.js';
import {
  BRIDGE_SECRET,
  call,
  freshDatabase,
  type Harness,
  login,
  seedUser,
  startFlowless,
} from './support/flowless-harness.js';

const PASSWORD = 'admin overview password';
const START = Date.UTC(2031, 2, 3, 10, 0);
const MINUTE = 60_000;

describe('admin pages: overview', () => {
  const clock = frozenClock(START);
  let h: Harness;
  let admin: string;
  let body: string;

  beforeAll(async () => {
    h = await startFlowless(await freshDatabase('libsql', 'flowless_pages_admin_overview'), {
      clock,
      env: { SESSION_COOKIE_SECURE: 'false', RATE_LIMIT_REGISTER_MAX: '2' },
    });
    await seedUser(h, { email: 'admin@example.test', password: PASSWORD, userType: 'admin' });
    await seedUser(h, { email: 'user@example.test', password: PASSWORD });
    // 10:00 two sign-ins and a failed one; 10:07 a sign-up, two refused, three bridge validations.
    const session = await login(h, 'user@example.test', PASSWORD);
    admin = await login(h, 'admin@example.test', PASSWORD);
    await call(h, 'POST', '/auth/login', {
      body: { email: 'user@example.test', password: 'wrong password' },
    });
    clock.advance(7 * MINUTE);
    for (const email of [
      'new1@example.test',
      'new2@example.test',
      'new3@example.test',
      'new4@example.test',
    ]) {
      await call(h, 'POST', '/auth/register/public', { body: { email, password: 'a fresh password 1' } });
    }
    for (let i = 0; i < 3; i++) {
      await call(h, 'POST', '/auth/bridge/validate', {
        headers: { 'x-bridge-secret': BRIDGE_SECRET },
        body: { session_id: session },
      });
    }
    clock.advance(MINUTE);
    const res = await getPage(h, '/admin', admin);
    expect(res.status).toBe(200);
    body = await res.text();
  });
  afterAll(() => h.stop());

  /** The `<figure>` of chart `id`. */
  const figure = (id: string) => {
    const start = body.indexOf(`aria-labelledby="${id}-title"`);
    expect(start, id).toBeGreaterThan(-1);
    return body.slice(body.lastIndexOf('<figure', start), body.indexOf('</figure>', start));
  };

  it('draws an SVG chart per figure and window, with its title and summary tied to it', () => {
    const ids = ['sign-ins', 'failed-sign-ins', 'sign-ups', 'bridge-validations', 'rate-limited'];
    for (const id of ids) {
      for (const window of ['hour', 'day']) {
        const chart = figure(`${id}-${window}`);
        expect(chart).toMatch(
          new RegExp(`<svg class="chart"[^>]*role="img"[^>]*aria-describedby="${id}-${window}-summary"`),
        );
        expect(chart).toMatch(new RegExp(`<title id="${id}-${window}-title">[^<]+</title>`));
        expect(chart).toMatch(new RegExp(`<p class="muted" id="${id}-${window}-summary">[^<]+</p>`));
      }
    }
    expect(body.match(/<svg /g)).toHaveLength(ids.length * 2);
  });

  it('says in text what each chart shows: totals, the busiest span, and when', () => {
    expect(figure('sign-ins-hour')).toContain(
      '2 in total from 09:09 to 10:09 UTC; the busiest minute, from 10:00, had 2.',
    );
    expect(figure('failed-sign-ins-hour')).toContain('1 in total');
    expect(figure('sign-ups-hour')).toContain('2 in total');
    expect(figure('rate-limited-hour')).toContain('the busiest minute, from 10:07, had 2.');
    expect(figure('bridge-validations-day')).toContain(
      '3 in total from 2031-03-02 10:09 to 2031-03-03 10:09 UTC; the busiest 10 minutes, from 2031-03-03 09:59, had 3.',
    );
    // The hidden table lists the spans with activity.
    expect(figure('bridge-validations-hour')).toMatch(/<tr><td>10:07<\/td><td>3<\/td><\/tr>/);
    expect(body).toContain('Sign-ins: 2 in the last hour, 2 in the last day');
  });

  it('draws one bar per active span, sized by its value, coloured by attribute', () => {
    const bars = figure('sign-ins-hour').match(/<rect [^>]*>/g) ?? [];
    expect(bars).toHaveLength(1);
    expect(bars[0]).toContain('class="bar"');
    expect(bars[0]).toContain('fill="#0b5cad"');
    expect(bars[0]).toContain('height="90.0"');
  });

  it('shows the cache hit rate and the p95 latency', () => {
    expect(body).toMatch(/Session-cache hit rate, last hour<\/div><div class="value">[\d.]+%<\/div>/);
    expect(body).toContain('p95 latency, last hour</div><div class="value">≤ 5 ms</div>');
  });

  it('uses no script of its own and no inline style', () => {
    expect(body).not.toMatch(/ style=/);
    expect(body.match(/<script/g)).toHaveLength(1);
  });

  it('summarises an empty window as none', () => {
    expect(chartSummary([{ start: START, value: 0 }], 1)).toBe('None from 10:00 to 10:01 UTC.');
    expect(chartSummary([], 1)).toBe('No data.');
  });
});

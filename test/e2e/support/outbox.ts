/**
 * @module Reads the mail a Flowless process wrote to its development outbox (`<DATA_DIR>/outbox`,
 * one JSON file per message named `<epoch ms>-<kind>-<random>.json`) and the links in it.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { within } from './e2e-system.js';

/** One message as the outbox mailer writes it. */
export interface OutboxMail {
  readonly file: string;
  readonly kind: string;
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/** Which message to pick: by recipient and/or kind (`email_verification`, `password_reset`, …). */
export interface MailFilter {
  to?: string;
  kind?: string;
}

/** Every message in `dataDir`'s outbox, oldest first. */
export async function readOutbox(dataDir: string): Promise<OutboxMail[]> {
  const folder = join(dataDir, 'outbox');
  const files = (await readdir(folder).catch(() => [] as string[])).filter((name) => name.endsWith('.json'));
  // Same-length millisecond prefixes: the name order is the sending order.
  files.sort();
  return Promise.all(
    files.map(async (file) => {
      const body = JSON.parse(await readFile(join(folder, file), 'utf8')) as Omit<
        OutboxMail,
        'file' | 'kind'
      >;
      return { ...body, file, kind: file.split('-')[1] ?? '' };
    }),
  );
}

/** The newest message matching `filter`, or null. */
export async function latestMail(dataDir: string, filter: MailFilter = {}): Promise<OutboxMail | null> {
  const matching = (await readOutbox(dataDir)).filter(
    (mail) =>
      (filter.to === undefined || mail.to === filter.to) &&
      (filter.kind === undefined || mail.kind === filter.kind),
  );
  return matching.at(-1) ?? null;
}

/**
 * Waits (up to `timeoutMs`) for a message matching `filter`: some mail is sent after the response,
 * in the background.
 */
export async function waitForMail(
  dataDir: string,
  filter: MailFilter = {},
  timeoutMs = 5000,
): Promise<OutboxMail> {
  const found: OutboxMail[] = [];
  await within(timeoutMs, async () => {
    const mail = await latestMail(dataDir, filter);
    if (mail !== null) found.push(mail);
    return mail !== null;
  });
  const mail = found.at(-1);
  if (mail === undefined)
    throw new Error(`no mail matching ${JSON.stringify(filter)} within ${timeoutMs} ms`);
  return mail;
}

/**
 * The first link in the message whose path starts with `pathPrefix` (any link without it).
 *
 * @example
 * ```ts
 * const link = mailLink(await waitForMail(dataDir, { to: email, kind: 'email_verification' }));
 * await page.goto(link);
 * ```
 */
export function mailLink(mail: Pick<OutboxMail, 'text'>, pathPrefix = '/'): string {
  const link = (mail.text.match(/https?:\/\/[^\s<>"]+/g) ?? []).find((url) =>
    new URL(url).pathname.startsWith(pathPrefix),
  );
  if (link === undefined) throw new Error(`no link under ${pathPrefix} in the mail`);
  return link;
}

/**
 * @module Checks of a loaded page besides accessibility: whether it scrolls sideways (at a phone's
 * width a page must fit), and how much script it ships, gzipped, as a browser on a slow network
 * would download it (each `<script src>` fetched with the page's cookies, plus inline scripts).
 */
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';

/** A page wider than the window, and the elements that stick out. */
export interface Overflow {
  readonly scrollWidth: number;
  readonly innerWidth: number;
  /** What sticks out past the window: elements (`tag#id.class (right …px)`) and text that does not wrap. */
  readonly culprits: readonly string[];
}

// Runs in the page (a string: this project's TypeScript has no DOM types). The culprits are the
// elements past the window's right edge that are absolutely positioned (they escape a scrolling
// wrapper whose box is not their containing block) or whose parent is within the window.
const MEASURE_OVERFLOW = `(() => {
  const width = window.innerWidth;
  const past = (element) => element.getBoundingClientRect().right > width + 0.5;
  const escapes = (element) => ['absolute', 'fixed'].includes(getComputedStyle(element).position);
  const culprits = [...document.querySelectorAll('body *')]
    .filter((element) => past(element) && (escapes(element) || !(element.parentElement && past(element.parentElement))))
    .slice(0, 5)
    .map((element) => {
      const id = element.id ? '#' + element.id : '';
      const classes = [...element.classList].map((name) => '.' + name).join('');
      const where = escapes(element) ? ', position ' + getComputedStyle(element).position : '';
      return element.tagName.toLowerCase() + id + classes + ' (right ' + Math.round(element.getBoundingClientRect().right) + 'px' + where + ')';
    });
  // Text that runs out of its own box (a long word or address that does not wrap).
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node && culprits.length < 5; node = walker.nextNode()) {
    range.selectNodeContents(node);
    const parent = node.parentElement;
    if (parent && !past(parent) && range.getBoundingClientRect().right > width + 0.5)
      culprits.push('text of ' + parent.tagName.toLowerCase() + ' "' + node.textContent.trim().slice(0, 40) + '"');
  }
  return { scrollWidth: document.scrollingElement.scrollWidth, innerWidth: width, culprits };
})()`;

/** Measures the document's scroll width against the window's width. */
export function horizontalOverflow(page: Page): Promise<Overflow> {
  return page.evaluate(MEASURE_OVERFLOW) as Promise<Overflow>;
}

/** The scripts of a page and their gzipped size. */
export interface ScriptWeight {
  /** Sum of every script's gzipped bytes. */
  readonly totalGzipBytes: number;
  /** Each script (its URL, or `inline`) and its gzipped bytes. */
  readonly scripts: readonly { readonly source: string; readonly gzipBytes: number }[];
}

const gzipped = new Map<string, number>();

/** Gzipped size of the page's scripts; an external script is fetched once per URL for the run. */
export async function scriptWeight(page: Page): Promise<ScriptWeight> {
  const found = (await page.evaluate(
    "[...document.scripts].map((script) => ({ src: script.src, text: script.src ? '' : script.text }))",
  )) as { src: string; text: string }[];
  const scripts = await Promise.all(
    found.map(async ({ src, text }) => {
      if (!src) return { source: 'inline', gzipBytes: gzipSync(text).length };
      let bytes = gzipped.get(src);
      if (bytes === undefined) {
        const response = await page.request.get(src);
        if (!response.ok()) throw new Error(`script ${src} answered ${response.status()}`);
        bytes = gzipSync(await response.body()).length;
        gzipped.set(src, bytes);
      }
      return { source: src, gzipBytes: bytes };
    }),
  );
  return { totalGzipBytes: scripts.reduce((sum, script) => sum + script.gzipBytes, 0), scripts };
}

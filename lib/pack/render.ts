import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Chromium is missing or will not start: names the setting to fix. */
export class ChromiumMissingError extends Error {
  constructor(path: string, cause?: unknown) {
    const why = cause instanceof Error ? `: ${cause.message.split('\n')[0]}` : '';
    super(
      `Chromium is not available at "${path}" (setting PODIUM_CHROMIUM_PATH)${why}. Install Chromium (Debian: apt-get install chromium) or point PODIUM_CHROMIUM_PATH at its executable.`,
    );
    this.name = 'ChromiumMissingError';
  }
}

// The flags the browser tests use: headless, and nothing that reaches the network on its own.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(executablePath: string): Promise<Browser> {
  if (!fs.existsSync(executablePath)) throw new ChromiumMissingError(executablePath);
  try {
    return await chromium.launch({ executablePath, args: ARGS });
  } catch (err) {
    throw new ChromiumMissingError(executablePath, err);
  }
}

export interface RenderedReport {
  pdf: Buffer;
  /** The podium alone, for slides. */
  podiumPng: Buffer;
}

/**
 * Prints the report HTML to an A4 PDF and takes a PNG of its podium. The page
 * may load nothing from the network: every request is refused.
 */
export async function renderReport(html: string, executablePath: string): Promise<RenderedReport> {
  const browser = await launchChromium(executablePath);
  try {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, deviceScaleFactor: 2, javaScriptEnabled: false });
    await context.route('**/*', (route) => route.abort());
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const podiumPng = await page.locator('.rpt-podium-block').screenshot({ type: 'png' });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    await context.close();
    return { pdf, podiumPng };
  } finally {
    await browser.close();
  }
}

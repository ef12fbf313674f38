import { test, expect, chromium } from '@playwright/test';
import { resolveBrowser } from '../src/browsers/catalog';
import { startRecording } from '../src/record/live';

/*
 * npm run record relies on an internal Playwright API (BrowserContext._startRecording, the recorder's JSONL
 * language). If an upgrade moves or changes it, this fails first, naming what moved.
 */
test('Playwright\'s recorder still reports real input as JSONL actions with structured locators and the screen\'s heading', async () => {
  const entry = resolveBrowser('chromium');
  test.skip(!entry.installed, 'chromium is not installed here');
  const browser = await chromium.launch(entry.launchOptions);
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const recording = await startRecording(context);
    const page = await context.newPage();
    await page.setContent('<main><h2>Phone Configuration</h2><label>Device Name <input></label><button>Save</button></main>');
    const field = (await page.getByLabel('Device Name').boundingBox())!;
    await page.mouse.click(field.x + 5, field.y + 5);
    await page.keyboard.type('SEP001');
    const save = (await page.getByRole('button', { name: 'Save' }).boundingBox())!;
    await page.mouse.click(save.x + 5, save.y + 5);
    const actions = await recording.stop();
    const fill = actions.find((a) => a.name === 'fill');
    expect(fill, JSON.stringify(actions)).toMatchObject({ text: 'SEP001', heading: 'Phone Configuration', locator: { kind: 'role', body: 'textbox', options: { name: 'Device Name' } } });
    expect(actions.find((a) => a.name === 'click' && a.locator?.body === 'button')).toMatchObject({ locator: { options: { name: 'Save' } }, heading: 'Phone Configuration' });
  } finally {
    await browser.close();
  }
});

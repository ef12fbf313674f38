import type { Locator, Page } from '@playwright/test';

/**
 * A scripted user for the recorder: real mouse and keyboard input (what Playwright's recorder records), and the
 * recorder's own toolbar for checks. The toolbar sits at the top centre of the page (1280 px wide window).
 */
const TOOLBAR = { assertVisible: 744, assertText: 776, y: 16 };

async function centre(target: Locator): Promise<{ x: number; y: number }> {
  await target.waitFor();
  await target.scrollIntoViewIfNeeded();
  const box = (await target.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

export class ScriptedUser {
  constructor(readonly page: Page) {}

  async click(target: Locator): Promise<void> {
    const { x, y } = await centre(target);
    await this.page.mouse.click(x, y);
  }

  async type(field: Locator, text: string): Promise<void> {
    await this.click(field);
    await this.page.keyboard.type(text);
  }

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  /** Picks the recorder's "assert visibility" tool, then the element: the recording gains a visibility check. */
  async checkVisible(target: Locator): Promise<void> {
    await this.toolbar();
    await this.page.mouse.click(TOOLBAR.assertVisible, TOOLBAR.y);
    await this.click(target);
  }

  /**
   * The recorder's "assert text" tool on the element, then the ✓ of the dialog it opens under the element
   * (400 px wide, the ✓ near its right end) to accept the text it proposes.
   */
  async checkText(target: Locator): Promise<void> {
    await this.toolbar(TOOLBAR.assertText);
    await this.page.mouse.click(TOOLBAR.assertText, TOOLBAR.y);
    await target.waitFor();
    const box = (await target.boundingBox())!;
    await this.page.mouse.click(box.x + 10, box.y + box.height / 2);
    await this.page.waitForFunction(({ x, y }) => document.elementFromPoint(x, y)?.tagName === 'X-PW-GLASS', { x: box.x + 358, y: box.y + box.height + 19 });
    await this.page.mouse.click(box.x + 358, box.y + box.height + 19);
  }

  /** The recorder puts its toolbar back after each page load: wait until it is where the tools are. */
  private async toolbar(x: number = TOOLBAR.assertVisible): Promise<void> {
    await this.page.waitForFunction(({ x, y }) => document.elementFromPoint(x, y)?.tagName === 'X-PW-GLASS', { x, y: TOOLBAR.y });
  }

  async waitForLoad(): Promise<void> {
    await this.page.waitForLoadState();
  }
}

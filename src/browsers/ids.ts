/** Browser names a user can ask for (BROWSERS=…); kept apart from the catalog so data checks need no Playwright. */
export const BROWSER_IDS = ['chromium', 'firefox', 'webkit', 'chrome', 'msedge'] as const;
export type BrowserId = (typeof BROWSER_IDS)[number];

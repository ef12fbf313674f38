import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Playwright records video with its own ffmpeg build, which machines without Playwright's CDN cannot
 * download. Video is then reported as unavailable instead of failing every test at context creation.
 */
export function videoRecorderAvailable(): boolean {
  const root = process.env.PLAYWRIGHT_BROWSERS_PATH || path.join(os.homedir(), '.cache', 'ms-playwright');
  if (!fs.existsSync(root)) return false;
  return fs.readdirSync(root).some((d) => d.startsWith('ffmpeg') && fs.readdirSync(path.join(root, d)).some((f) => f.startsWith('ffmpeg')));
}

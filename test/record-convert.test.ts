import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { readRecording, parseRecording, recordingText, type RecordedAction } from '../src/record/recording';
import { generateTask, type Generated } from '../src/record/generate';
import { fixtureName, pluginView } from '../src/record/apply';
import { locatorCode } from '../src/record/locator-code';
import { headingOf } from '../src/record/live';
import { portalById } from '../src/portals/registry';
import { ROOT } from './helpers';

/*
 * Recordings made with `npm run record --drive test/recording/<portal>-*.ts` against the lab (one per lab portal;
 * M365's pays inside the payment provider's frame) are converted and compared with the reviewed output beside
 * them. UPDATE_EXPECTED=1 rewrites the expected files after a deliberate change — then read the diff.
 */
const DIR = path.join(ROOT, 'test', 'recordings');
const baseOf = (actions: RecordedAction[]) => new URL('/', actions.find((a) => a.name === 'navigate')!.url!).href;

function render(g: Generated): string {
  const parts = [
    `--- ${g.spec.file}\n${g.spec.source}`,
    ...g.pageObjects.map((p) => `--- ${p.file} (${p.isNew ? 'new' : `members added to ${p.className}`}, pages: ${p.property})\n${p.source}\n`),
    ...(g.signIn ? [`--- ${g.signIn.file}\n${g.signIn.source}--- signIn in portal.ts\n${g.signIn.definition}\n`] : []),
    `--- task row\n${g.taskRow.join(' | ')}\n`,
    ...(g.destructive ? [`--- destructive\n${g.destructive}\n`] : []),
    ...g.warnings.map((w) => `--- warning\n${w}\n`),
  ];
  return parts.join('\n');
}

for (const portal of ['cucm', 'm365', 'pcd', 'webex']) {
  test(`a ${portal} recording converts to the reviewed page objects and spec`, () => {
    const actions = readRecording(path.join(DIR, `${portal}.jsonl`));
    const definition = portalById(portal);
    const plugin = pluginView(ROOT, definition, fixtureName(ROOT, portal), baseOf(actions), []);
    const generated = generateTask(actions, plugin, { task: `recorded-${portal}`, title: `Recorded ${portal} task`, recordedAt: '2026-11-29' });
    const expectedFile = path.join(DIR, `${portal}.expected.txt`);
    if (process.env.UPDATE_EXPECTED) fs.writeFileSync(expectedFile, render(generated));
    expect(render(generated)).toBe(fs.readFileSync(expectedFile, 'utf8'));
  });
}

test('what conversion refuses, with what to do', () => {
  const click = (page: string, name: string): RecordedAction => ({ name: 'click', pageGuid: page, selector: `internal:role=button[name="${name}"i]`, locator: { kind: 'role', body: 'button', options: { name } } });
  const plugin = pluginView(ROOT, portalById('webex'), 'webex', 'http://localhost:1/', []);
  const request = { task: 't', title: 'T', recordedAt: '2026-11-29' };
  expect(() => generateTask([{ name: 'openPage', url: 'about:blank' }], plugin, request)).toThrow(/the recording has no actions/);
  expect(() => generateTask([click('p1', 'Open help'), click('p2', 'Close')], plugin, request)).toThrow(/more than one window \(a popup or a second tab\)/);
  expect(() => generateTask([{ name: 'click', pageGuid: 'p1', selector: 'x', locator: { kind: 'unknown-kind', body: 'x' } }], plugin, request)).toThrow(/none of the recorded actions could be written as a locator/);
  expect(() => generateTask([{ name: 'navigate', url: 'https://elsewhere.example/' }, click('p1', 'Go')], plugin, request)).toThrow(/leaves the portal \(https:\/\/elsewhere\.example\/\)/);
  expect(() => parseRecording('{"name":"click"}\nnot json\n', 'r.jsonl')).toThrow(/^r\.jsonl:2: not a JSON line/);
});

test('the recorder\'s checks become web-first expectations; a password never reaches the code', () => {
  const role = (body: string, name: string) => ({ kind: 'role', body, options: { name } });
  const actions: RecordedAction[] = [
    { name: 'navigate', url: 'http://localhost:1/devices' },
    { name: 'fill', locator: role('textbox', 'Device Name'), selector: 'a', text: 'SEP001' },
    { name: 'fill', locator: { kind: 'label', body: 'Admin password' }, selector: 'b', text: '', secret: 'portal-password' },
    { name: 'click', locator: role('button', 'Save'), selector: 'c' },
    { name: 'assertText', locator: role('status', ''), selector: 'd', text: 'Saved', substring: true },
    { name: 'assertValue', locator: role('textbox', 'Device Name'), selector: 'a', value: 'SEP001' },
    { name: 'assertChecked', locator: role('checkbox', 'Enabled'), selector: 'e', checked: false },
    { name: 'assertVisible', locator: role('link', 'SEP001'), selector: 'f' },
  ];
  const g = generateTask(actions, pluginView(ROOT, portalById('webex'), 'webex', 'http://localhost:1/', ['S3cret!']), { task: 't', title: 'T', recordedAt: 'd' });
  expect(g.spec.source).toContain("await expect(webex.devices.status).toContainText('Saved');");
  expect(g.spec.source).toContain("await expect(webex.devices.deviceNameField).toHaveValue('SEP001');");
  expect(g.spec.source).toContain('await expect(webex.devices.enabledCheckbox).not.toBeChecked();');
  expect(g.spec.source).toContain('await expect(webex.devices.sep001Link).toBeVisible();');
  expect(g.spec.source).toContain('password: target.password');
  expect(g.destructive).toBe('presses "Save" on Devices (recorded)');
  // Raw CSS only when nothing better exists, and then the code says so.
  expect(locatorCode({ kind: 'default', body: '#result > div' })).toMatchObject({ code: "this.page.locator('#result > div')", raw: true });
  expect(locatorCode({ kind: 'default', body: 'iframe[title="Payment provider"]', next: { kind: 'frame', body: '', next: { kind: 'label', body: 'Card number' } } })).toMatchObject({ code: "this.page.getByTitle('Payment provider').contentFrame().getByLabel('Card number')", raw: false, field: 'cardNumberField' });
  // The screen an action happened on: the main content's heading, not the menu's or the banner's.
  expect(headingOf('- banner:\n  - heading "Cisco Unified CM Administration" [level=1]\n- navigation:\n  - heading "Inventory" [level=2]\n- main:\n  - heading "ESXi Hosts" [level=2]\n  - link "Add"')).toBe('ESXi Hosts');
  expect(headingOf('- heading "Acme Router Console" [level=1]\n- heading "Devices" [level=2]')).toBe('Devices');
  expect(recordingText(actions)).not.toContain('S3cret!');
});

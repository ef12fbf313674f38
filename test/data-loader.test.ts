import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { test, expect } from '@playwright/test';
import { loadTasks, loadAllData } from '../src/data';
import { loadMeetings } from '../pages/webex/data';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-csv-'));
const HEADER = 'portal,task,title,severity,description\n';

/** Each bad file and the exact message a user gets. */
const CORPUS: [string, string, string][] = [
  ['missing-column.csv', 'portal,task,title,description\npcd,sign-in,Sign in,x\n', 'missing-column.csv:1: missing column "severity". The header must name: portal,task,title,severity,description'],
  ['wrong-type.csv', HEADER + 'pcd,sign-in,Sign in,urgent,x\n', 'wrong-type.csv:2:4: column "severity" is "urgent"; expected one of critical, normal, minor.'],
  ['empty-required.csv', HEADER + 'pcd,sign-in,,critical,x\n', 'empty-required.csv:2:3: column "title" is empty; expected text.'],
  ['duplicate-id.csv', HEADER + 'pcd,sign-in,A,critical,x\npcd,sign-in,B,minor,y\n', 'duplicate-id.csv:3:2: duplicate task "sign-in" for portal "pcd" (first on line 2).'],
  ['unknown-portal.csv', HEADER + 'salesforce,login,Log in,critical,x\n', 'unknown-portal.csv:2:1: column "portal" is "salesforce"; expected one of cucm, m365, pcd, webex.'],
  ['bom.csv', '\ufeff' + HEADER + 'pcd,sign-in,Sign in,critical,x\n', 'bom.csv:1:1: the file starts with a byte-order mark (BOM)'],
  ['stray-quote.csv', HEADER + 'pcd,sign-in,Sign "in" now,critical,x\n', 'stray-quote.csv:2:3: Invalid Opening Quote: a quote is found on field 2 — check the quotes on this line'],
  ['extra-field.csv', HEADER + 'pcd,sign-in,Sign in,critical,x,oops\n', 'extra-field.csv:2: 6 fields, but the header has 5. A comma inside a value needs quotes.'],
  ['unknown-column.csv', 'portal,task,title,severity,description,owner\n', 'unknown-column.csv:1:6: unknown column "owner".'],
  ['empty.csv', '', 'empty.csv:1: the file is empty'],
];

for (const [name, content, message] of CORPUS) {
  test(`bad CSV: ${name}`, () => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    expect(() => loadTasks(file)).toThrow(message);
  });
}

test('bad meeting number names line, column and the expected format', () => {
  const file = path.join(dir, 'meetings.csv');
  fs.writeFileSync(file, 'id,number,title,password,lobby,state\nx,12ab,T,,no,open\n');
  expect(() => loadMeetings(file)).toThrow('meetings.csv:2:2: column "number" is "12ab"; expected a meeting number of 9 to 11 digits.');
});

test('the shipped data files load, and every spec tag names a task in tasks.csv', () => {
  const data = loadAllData();
  expect(data.tasks.length).toBeGreaterThanOrEqual(12);
  for (const portal of ['pcd', 'm365', 'webex']) expect(data.tasks.filter((t) => t.portal === portal).length).toBeGreaterThanOrEqual(4);
  const specs = fs.readdirSync(path.join(__dirname, '..', 'specs'), { recursive: true }).map(String).filter((f) => f.endsWith('.spec.ts'));
  for (const t of data.tasks) expect(specs, `spec for ${t.portal}/${t.task}`).toContain(path.join(t.portal, `${t.task}.spec.ts`));
});

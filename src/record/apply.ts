import fs from 'node:fs';
import path from 'node:path';
import { UserInputError } from '../errors';
import { portalTasksFile } from '../data';
import type { PortalDefinition } from '../portals/definition';
import type { Generated, PluginView } from './generate';

/**
 * Reads what the plug-in has (page objects, their names in `pages:`) and turns generated code into the files
 * to write — all computed before anything is written, so a failure leaves the plug-in as it was.
 */
export interface FileChange {
  file: string;
  content: string;
  created: boolean;
}

const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function pluginView(root: string, portal: PortalDefinition, fixture: string, baseUrl: string, secrets: string[]): PluginView {
  const dir = path.join(root, 'pages', portal.id);
  const definition = fs.readFileSync(path.join(dir, 'portal.ts'), 'utf8');
  const pageObjects: PluginView['pageObjects'] = {};
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'portal.ts')) {
    const source = fs.readFileSync(path.join(dir, name), 'utf8');
    for (const m of source.matchAll(/export class (\w+)/g)) {
      const property = new RegExp(`(\\w+):\\s*new ${m[1]}\\(`).exec(definition)?.[1];
      pageObjects[m[1]!] = { file: `pages/${portal.id}/${name}`, property, source };
    }
  }
  return { portal: portal.id, fixture, signsIn: portal.signIn !== 'anonymous', pageObjects, secrets, baseUrl, envPrefix: portal.envPrefix };
}

/** The plug-in's `test` fixture name, from `portalTest(portal, '<name>')` in its portal.ts. */
export function fixtureName(root: string, portal: string): string {
  const definition = fs.readFileSync(path.join(root, 'pages', portal, 'portal.ts'), 'utf8');
  const name = /portalTest\(\s*portal\s*,\s*'(\w+)'\s*\)/.exec(definition)?.[1];
  if (!name) throw new UserInputError(`pages/${portal}/portal.ts has no \`export const test = portalTest(portal, '<name>')\`; add it (README "Adding your own portal") and record again with --from.`);
  return name;
}

function insertIntoClass(source: string, className: string, members: string, file: string): string {
  const start = source.indexOf(`class ${className}`);
  // The class's closing brace: the last line that is exactly "}" after its declaration.
  const lines = source.split('\n');
  const startLine = source.slice(0, start).split('\n').length - 1;
  let end = -1;
  for (let i = startLine + 1; i < lines.length; i++) {
    if (lines[i] === '}') { end = i; break; }
  }
  if (start < 0 || end < 0) throw new UserInputError(`${file}: cannot find the end of class ${className} (a line with only "}"); add the recorded members by hand, or record with --replace into a new page.`);
  const needsLocator = !/\bLocator\b/.test(source.split('\n').filter((l) => l.startsWith('import')).join('\n'));
  const updated = [...lines.slice(0, end), '', members, ...lines.slice(end)].join('\n');
  return needsLocator ? updated.replace(/import type \{ ([^}]*) \} from '@playwright\/test';/, (_m, names: string) => `import type { ${[...names.split(', '), 'Locator'].sort().join(', ')} } from '@playwright/test';`) : updated;
}

/** portal.ts with the new page objects registered in `pages:`, their imports, and a recorded sign-in. */
function updateDefinition(source: string, generated: Generated, portal: string): string {
  let out = source;
  const imports: string[] = [];
  const added = generated.pageObjects.filter((p) => p.isNew);
  if (added.length) {
    const pages = /pages:\s*\((\w+)(?:\s*,\s*(\w+))?\)\s*=>\s*\(\{\n/.exec(out);
    if (!pages) throw new UserInputError(`pages/${portal}/portal.ts: cannot find \`pages: (page, target) => ({\` to register ${added.map((p) => p.className).join(', ')}; add them there by hand.`);
    const [whole, pageName, targetName] = pages;
    const head = targetName ? whole : whole.replace(`(${pageName})`, `(${pageName}, target)`);
    // New page objects go at the end of the list, in the order the task visits them.
    const at = out.indexOf(whole) + whole.length;
    const close = out.indexOf('\n  }),', at);
    if (close < 0) throw new UserInputError(`pages/${portal}/portal.ts: cannot find the end of \`pages: … ({ … }),\`; register ${added.map((p) => p.className).join(', ')} there by hand.`);
    const lines = added.map((po) => `    ${po.property}: new ${po.className}(${pageName}, ${targetName ?? 'target'}.url),`).join('\n');
    out = `${out.slice(0, out.indexOf(whole))}${head}${out.slice(at, close)}\n${lines}${out.slice(close)}`;
    imports.push(...added.map((po) => `import { ${po.className} } from './${path.basename(po.file, '.ts')}';`));
  }
  if (generated.signIn) {
    imports.push(`import { ${generated.signIn.className} } from './${path.basename(generated.signIn.file, '.ts')}';`);
    if (!/signIn:\s*'anonymous',/.test(out)) throw new UserInputError(`pages/${portal}/portal.ts: cannot find \`signIn: 'anonymous',\` to replace with the recorded sign-in.`);
    out = out.replace(/signIn:\s*'anonymous',/, generated.signIn.definition);
  }
  if (imports.length) {
    const lines = out.split('\n');
    const last = lines.reduce((at, l, i) => (/^import .* from '\.\//.test(l) ? i : at), lines.reduce((at, l, i) => (l.startsWith('import ') ? i : at), -1));
    lines.splice(last + 1, 0, ...imports);
    out = lines.join('\n');
  }
  return out;
}

/** Every file the recording changes, or a UserInputError before anything is written. */
export function plannedChanges(root: string, generated: Generated, portal: string, task: string, replace: boolean): FileChange[] {
  const changes: FileChange[] = [];
  const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
  const specExists = fs.existsSync(path.join(root, generated.spec.file));
  if (specExists && !replace) throw new UserInputError(`${generated.spec.file} exists: task "${task}" was written before. Choose another task id, or record again with --replace.`);
  changes.push({ file: generated.spec.file, content: generated.spec.source, created: !specExists });
  for (const po of generated.pageObjects) {
    if (po.isNew) {
      if (fs.existsSync(path.join(root, po.file)) && !replace) throw new UserInputError(`${po.file} exists but holds no class ${po.className}; rename that file or record with --replace.`);
      changes.push({ file: po.file, content: po.source, created: true });
    } else if (po.source.trim()) {
      const previous = changes.find((c) => c.file === po.file)?.content ?? read(po.file);
      changes.push({ file: po.file, content: insertIntoClass(previous, po.className, po.source, po.file), created: false });
    }
  }
  if (generated.signIn) {
    if (fs.existsSync(path.join(root, generated.signIn.file))) throw new UserInputError(`${generated.signIn.file} exists already; wire it into signIn in pages/${portal}/portal.ts instead.`);
    changes.push({ file: generated.signIn.file, content: generated.signIn.source, created: true });
  }
  const definitionFile = `pages/${portal}/portal.ts`;
  const definition = updateDefinition(read(definitionFile), generated, portal);
  if (definition !== read(definitionFile)) changes.push({ file: definitionFile, content: definition, created: false });
  const tasksFile = path.relative(root, portalTasksFile(portal));
  const existing = fs.existsSync(path.join(root, tasksFile)) ? read(tasksFile) : 'portal,task,title,severity,description\n';
  const rows = existing.split('\n').filter((l) => l && !l.startsWith(`${portal},${task},`));
  const had = rows.length !== existing.split('\n').filter(Boolean).length;
  if (had && !replace) throw new UserInputError(`${tasksFile} already has task "${task}". Choose another task id, or record again with --replace.`);
  changes.push({ file: tasksFile, content: [...rows, generated.taskRow.map(csvField).join(',')].join('\n') + '\n', created: !fs.existsSync(path.join(root, tasksFile)) });
  // One change per file (a page object that got members twice): the last content wins, it includes the first.
  return [...new Map(changes.map((c) => [c.file, c])).values()];
}

export function writeChanges(root: string, changes: readonly FileChange[]): void {
  for (const c of changes) {
    fs.mkdirSync(path.dirname(path.join(root, c.file)), { recursive: true });
    fs.writeFileSync(path.join(root, c.file), c.content);
  }
}

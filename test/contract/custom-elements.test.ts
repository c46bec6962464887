// The widgets' custom-elements.json (built by `npm run build` from the class headers, see
// packages/widgets/custom-elements-manifest.config.mjs) is what IDEs, Storybook and partners'
// docs read. Every element must say what it is, and list every part its templates expose: a part
// missing from `@csspart` is styling surface nobody can find.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

const widgets = new URL('../../packages/widgets/', import.meta.url).pathname;
const manifestPath = join(widgets, 'custom-elements.json');

interface Declaration {
  kind: string;
  name: string;
  tagName?: string;
  customElement?: boolean;
  description?: string;
  cssParts?: Array<{ name: string }>;
}
interface Manifest {
  modules: Array<{ path: string; declarations?: Declaration[] }>;
}

/** The relative imports of a module, resolved to `src/…/x.ts` paths. */
function localImports(path: string): string[] {
  const source = readFileSync(join(widgets, path), 'utf8');
  return [...source.matchAll(/^(?:import|export)\b[^;]*?from\s+'(\.{1,2}\/[^']+)\.js'/gm)].map((m) => normalize(join(dirname(path), `${m[1]}.ts`)));
}

/**
 * The `part="…"` names an element's templates use: its own module and every module it imports
 * from the package (field templates, views, the base class), but not another element's module
 * nor a `define/` module (those belong to the element they define).
 */
function partsUsedBy(elementModule: string, otherElementModules: ReadonlySet<string>): Array<{ part: string; in: string }> {
  const seen = new Set<string>();
  const pending = [elementModule];
  const used: Array<{ part: string; in: string }> = [];
  while (pending.length > 0) {
    const path = pending.pop()!;
    if (seen.has(path) || !existsSync(join(widgets, path))) continue;
    seen.add(path);
    const source = readFileSync(join(widgets, path), 'utf8');
    for (const match of source.matchAll(/\bpart="([^"]*)"/g)) {
      for (const part of match[1]!.split(/\s+/).filter(Boolean)) used.push({ part, in: path });
    }
    for (const next of localImports(path)) {
      if (!otherElementModules.has(next) && !next.startsWith('src/define/')) pending.push(next);
    }
  }
  return used;
}

/** A used part as a pattern: `${name}-control` (a template expression inside) matches any `…-control`. */
function documented(part: string, names: readonly string[]): boolean {
  if (!part.includes('${')) return names.includes(part);
  const pattern = new RegExp(`^${part.split(/\$\{[^}]*\}/).map((s) => s.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&')).join('[\\w-]+')}$`);
  return names.some((name) => pattern.test(name));
}

describe('custom-elements.json', () => {
  assert.ok(existsSync(manifestPath), 'packages/widgets/custom-elements.json is missing: run npm run build');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const elements = manifest.modules.flatMap((module) =>
    (module.declarations ?? []).filter((d) => d.customElement && d.tagName).map((declaration) => ({ module: module.path, declaration })));
  const elementModules = new Set(elements.map((e) => e.module));

  it('lists every element the package defines', () => {
    assert.deepEqual(elements.map((e) => e.declaration.tagName).sort(), ['vk-certificate', 'vk-checkin', 'vk-checkin-code', 'vk-honor-board', 'vk-impact-stats', 'vk-my-claims', 'vk-my-hours', 'vk-need-confirm', 'vk-need-form', 'vk-needs-board', 'vk-opportunity-list', 'vk-provider', 'vk-rewards', 'vk-roster', 'vk-signup-form', 'vk-verify']);
  });

  for (const { module, declaration } of elements) {
    it(`<${declaration.tagName}> has a description (the header's text before its tags)`, () => {
      assert.ok((declaration.description ?? '').trim().length > 0,
        `${module}: the class header of ${declaration.name} has no description; write it first, before @summary and @tag`);
    });

    it(`<${declaration.tagName}> documents every part its templates use`, () => {
      const names = (declaration.cssParts ?? []).map((p) => p.name);
      const others = new Set([...elementModules].filter((m) => m !== module));
      const missing = partsUsedBy(module, others).filter(({ part }) => !documented(part, names));
      assert.deepEqual(missing.map((m) => `${m.part} (${m.in})`), [], `add @csspart lines to the class header of ${declaration.name}`);
    });
  }
});
